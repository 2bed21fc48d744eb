// The migration runner: applies versioned migrations to a real database, safely.
//
// Guarantees (docs/runner.md):
// - History: table strata.migrations in schema `strata`; a migration's row is written in the
//   same transaction as the migration itself.
// - Integrity first: before anything is applied, every applied migration's checksum is compared
//   with its file; edited, missing or integrity-file (strata.sum) problems are RunnerErrors that
//   name the file, and nothing runs. Pending migrations older than the newest applied one (a
//   merged branch) are applied, and reported as out of order.
// - Atomicity: each migration in its own transaction; `-- strata:no-transaction` migrations run
//   statement by statement, the history row recording how many statements completed, so a rerun
//   resumes after the last completed statement. BEGIN/COMMIT/ROLLBACK/... inside a file is
//   refused before anything runs.
// - Concurrency: a session advisory lock taken with a polling try-lock and a bounded wait, plus
//   a transaction-level advisory lock and a history re-check inside every migration transaction,
//   so N runners apply each migration exactly once (also behind PgBouncer in transaction mode).
// - Timeouts: SET LOCAL lock_timeout / statement_timeout for every migration; a lock timeout
//   is retried with exponential backoff a bounded number of times, then fails naming the
//   session that blocked it.
// - Errors: a failed statement is a sql::SqlError at the migration's file:line:col with its
//   SQLSTATE and statement; connection targets are printed redacted (no password, ever).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "strata/migration_integrity.h"
#include "strata/sql_source.h"

namespace strata::runner {

constexpr const char* kHistorySchema = "strata";
constexpr const char* kHistoryTable = "strata.migrations";

struct Timeouts {
  std::chrono::milliseconds lock_timeout{5'000};            // per statement waiting for a lock
  std::chrono::milliseconds statement_timeout{15 * 60'000};  // 0 = none
  int lock_retries = 3;                                     // retries after the first attempt
  std::chrono::milliseconds retry_backoff{1'000};           // doubled after every retry
};

// Progress, for terminals and --format json.
struct Event {
  enum class Kind {
    WaitingForLock,   // another runner holds the advisory lock; message names it
    LockAcquired,
    AlreadyCurrent,   // nothing pending (possibly because another runner just applied it)
    OutOfOrder,       // a pending migration older than the newest applied one will be applied
    Resuming,         // a no-transaction migration continues after statement `statement`
    MigrationStarted,
    StatementDone,    // no-transaction migrations only
    LockRetry,        // lock timeout; `attempt` is the retry about to start, message names the blocker
    MigrationDone,    // elapsed_ms is the migration's execution time
  };
  Kind kind;
  std::string migration;  // Migration::name(), empty for run-level events
  double elapsed_ms = 0;
  int attempt = 0;
  int statement = 0;  // 1-based statement index (no-transaction migrations)
  int statements = 0;
  std::string message;
};

struct RunOptions {
  Timeouts timeouts;
  // A tenant schema (a fleet of schemas in one database, docs/fleets.md): the migrations run with
  // search_path = <schema>, public (unqualified objects land in the tenant's schema, which is
  // created if needed), the history is <schema>.strata_migrations and the advisory locks are the
  // tenant's own. Empty: the database's own history (strata.migrations).
  std::string schema;
  std::chrono::milliseconds lock_wait{60'000};  // bounded wait for another runner's advisory lock
  std::chrono::milliseconds lock_poll{100};
  std::optional<std::string> to_version;  // migrate: apply up to and including this version
  bool dry_run = false;                   // produce the SQL, change nothing (not even the history table)
  bool check_row_counts = true;           // row counts before/after; vanished rows are an error
  std::string strata_version = "unknown";  // recorded in the history
  std::string applied_by;                 // default: current_user@client host
  // For a database of a throwaway cluster (replay, proofs, test templates): roles are
  // cluster-wide and not part of a migration, which assumes the roles it names exist where it is
  // deployed. Roles a step names (OWNER TO, GRANT ... TO, ...) are created (NOLOGIN) before it
  // runs, and its CREATE ROLE statements for roles the cluster already has are not sent.
  bool create_missing_roles = false;
  // Problems with the integrity file (migrations::verify_integrity); any is a RunnerError
  // before anything runs. Empty for embedded migrations (checked at build time).
  std::vector<std::string> integrity_problems;
  std::function<void(const Event&)> on_event;
};

struct RollbackOptions {
  RunOptions run;                         // timeouts, locks, dry_run, events (to_version unused)
  std::optional<std::string> to_version;  // roll back every migration newer than this version
  int steps = 1;                          // when no to_version: the newest `steps` migrations
};

struct AppliedMigration {
  std::string version;
  std::string name;
  double execution_ms = 0;
  int lock_retries = 0;
  bool out_of_order = false;
  bool resumed = false;
};

using RowCounts = std::map<std::string, long long>;  // quoted qualified table name -> rows

struct RunReport {
  std::vector<AppliedMigration> applied;  // applied (migrate) or reverted (rollback), in order
  bool already_current = false;
  bool waited_for_lock = false;
  std::string dry_run_sql;  // dry run: exactly what would be sent, in order, one statement per line group
  RowCounts rows_before, rows_after;  // when check_row_counts and something was applied
  double total_ms = 0;
};

// A refusal or a failed run: the message is one line; details name files, tables, sessions.
class RunnerError : public Error {
 public:
  using Error::Error;
};

// The lock timeout was hit more than Timeouts::lock_retries times; nothing of that migration
// was applied. blocker() describes the session holding the lock (pid, user, application,
// state, query), empty when it could not be seen; the details say it too.
class LockTimeoutError : public RunnerError {
 public:
  LockTimeoutError(const std::string& message, std::string blocker, std::vector<std::string> details = {});
  const std::string& blocker() const { return blocker_; }

 private:
  std::string blocker_;
};

// One row of the history table.
struct HistoryEntry {
  std::string version;
  std::string name;
  std::string checksum;  // sha256 of the up file
  std::string applied_at;  // ISO 8601, UTC
  std::string applied_by;
  long long execution_ms = 0;
  std::string strata_version;
  std::optional<int> statements_done;  // set while a no-transaction migration is incomplete
  bool baselined = false;
};

enum class State {
  Applied,
  Pending,
  Edited,   // applied, but the file's checksum differs
  Missing,  // applied, but no file
  Partial,  // a no-transaction migration stopped after statements_done statements
};
std::string to_string(State state);

struct MigrationStatus {
  std::string version;
  std::string name;  // <version>_<slug>
  State state = State::Pending;
  bool out_of_order = false;  // pending but older than the newest applied migration
  std::optional<HistoryEntry> history;
  int statements = 0;  // statements in the up file (for Partial)
};

struct StatusReport {
  std::vector<MigrationStatus> migrations;  // version order; files and history merged
  std::vector<std::string> integrity_problems;
  bool history_table_exists = false;
  // Everything applied, nothing edited, missing or partial, integrity file fine.
  bool current() const;
  std::vector<const MigrationStatus*> pending() const;
};

// The checksum recorded for a migration: sha256 of the up file's bytes.
std::string checksum(const migrations::Migration& migration);

// The history (empty when the table does not exist). Throws RunnerError when the database
// cannot be reached (target redacted).
std::vector<HistoryEntry> read_history(const std::string& connection, const std::string& schema = {});

StatusReport status(const std::string& connection, const std::vector<migrations::Migration>& migrations,
                    const std::vector<std::string>& integrity_problems = {}, const std::string& schema = {});

// Applies pending migrations (up to options.to_version). Throws RunnerError / LockTimeoutError /
// sql::SqlError; every migration completed before the failure stays applied and recorded.
RunReport migrate(const std::string& connection, const std::vector<migrations::Migration>& migrations,
                  const RunOptions& options = {});

// SQL that is not a versioned migration (strata push's plan, each script an up file with its
// pragmas): executed as migrate executes a migration (each script in its own transaction, or
// statement by statement when `-- strata:no-transaction`; the same settings, lock timeouts,
// retries, advisory lock and errors), but nothing is read from or written to the history.
// Scripts completed before a failure stay applied. version and slug name a script in events.
RunReport apply_unrecorded(const std::string& connection, const std::vector<migrations::Migration>& scripts,
                           const RunOptions& options = {});

// Runs down files of applied migrations, newest first, each in a transaction with its history
// row deleted in the same transaction. A migration without a down file is a RunnerError before
// anything runs.
RunReport rollback(const std::string& connection, const std::vector<migrations::Migration>& migrations,
                   const RollbackOptions& options = {});

// Re-records checksums of applied migrations whose files were deliberately edited; with
// `forget_missing`, deletes the history rows of applied migrations whose files are gone.
// Returns one line per change made.
std::vector<std::string> repair(const std::string& connection, const std::vector<migrations::Migration>& migrations,
                                bool forget_missing = false);

// Marks every migration up to and including `version` as applied (baselined = true) without
// running it. The caller has checked that the database's schema matches what they build. Refused
// when the history already has rows.
std::vector<std::string> record_baseline(const std::string& connection,
                                         const std::vector<migrations::Migration>& migrations,
                                         const std::string& version, const std::string& strata_version);

// Exact row counts of every ordinary and partitioned-root table outside pg_catalog,
// information_schema and the strata schema, in one round trip. A table another session holds an
// ACCESS EXCLUSIVE lock on at that moment is left out (counting it would wait for that session).
RowCounts count_rows(const std::string& connection);
// "public.users: 120 -> 0 rows" for every table that lost rows or disappeared.
std::vector<std::string> vanished_rows(const RowCounts& before, const RowCounts& after);

}  // namespace strata::runner
