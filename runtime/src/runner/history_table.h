// The history table strata.migrations: its DDL, reading it, and the statements that write it.
// The statements are built as text (not bound parameters) so that a dry run can print exactly
// what a real run sends.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "strata/runner.h"

namespace strata::runner::history {

// Advisory lock keys (bigint form; pg_locks shows classid = key >> 32, objid = key & 0xffffffff,
// objsubid = 1). Both are "strata" in ASCII followed by 0001 / 0002, and are scoped to the
// database by PostgreSQL itself.
// - kSessionLockKey: held with pg_try_advisory_lock for a whole run (one runner at a time).
// - kTransactionLockKey: taken with pg_advisory_xact_lock inside every migration transaction.
//   It must differ from the session key: behind PgBouncer in transaction mode the session lock
//   can stay held on a pooled server connection that another runner's transaction does not
//   run on, and a transaction lock on the same key would then wait for it forever.
constexpr long long kSessionLockKey = 0x7374726174610001;      // 8319400174550056961
constexpr long long kTransactionLockKey = 0x7374726174610002;  // 8319400174550056962

// Where the history is: strata.migrations, or for a tenant schema (RunOptions::schema, a fleet of
// schemas: docs/fleets.md) <tenant>.strata_migrations, with advisory lock keys of its own so
// that tenants of one database migrate side by side.
struct Location {
  std::string tenant;  // empty: the database's own history
  std::string table() const;  // quoted and qualified: strata.migrations, acme.strata_migrations
  // The keys above, for the database; for a tenant the same with bits 8-39 replaced by a stable
  // hash of its name (the low byte keeps session and transaction keys apart).
  long long session_lock_key() const;
  long long transaction_lock_key() const;
};

// CREATE SCHEMA / CREATE TABLE IF NOT EXISTS, one statement per element.
std::vector<std::string> create_statements(const Location& location);

struct Snapshot {
  bool table_exists = false;
  std::vector<HistoryEntry> entries;  // version order
  std::string current_user;
  std::string search_path;  // the session's setting, e.g. "$user", public
  // A connection pooler (PgBouncer) is in between: it gives clients a cancel key of its own, so
  // the backend pid libpq got at connect time is not the server's pg_backend_pid().
  bool through_pooler = false;
};

// One round trip when the table is missing, two when it exists.
Snapshot read(PGconn* conn, const Location& location);

// Statements that write the history (SQL text without the trailing ';').
struct Row {
  std::string version, name, checksum, applied_by, strata_version;
};
std::string applied_check(const Location& location, const std::string& version);    // SELECT EXISTS (a row for version)
std::string completed_check(const Location& location, const std::string& version);  // SELECT EXISTS (a complete row for version)
std::string insert_applied(const Location& location, const Row& row);              // complete, execution_ms from the transaction's start
std::string insert_started(const Location& location, const Row& row);              // no-transaction: statements_done = 0, ON CONFLICT DO NOTHING
std::string update_progress(const Location& location, const std::string& version, int statements_done);
std::string update_completed(const Location& location, const std::string& version);
std::string insert_baselined(const Location& location, const Row& row);
std::string update_checksum(const Location& location, const std::string& version, const std::string& checksum);
std::string remove(const Location& location, const std::string& version);

// "current_user@client host" (the host this process runs on).
std::string default_applied_by(const std::string& current_user);

}  // namespace strata::runner::history
