// The SQL of one migration step as the round trips that send it. A real run executes exactly
// these, and a dry run prints exactly these, so the two cannot drift apart.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "history_table.h"
#include "plan.h"
#include "strata/runner.h"

namespace strata::runner::script {

struct RoundTrip {
  enum class Kind {
    Prelude,        // BEGIN; SET LOCAL ...; pg_advisory_xact_lock; history re-check (last result)
    FileStatement,  // one statement of the migration file
    Finish,         // history write (+ COMMIT in a transaction)
    Claim,          // no-transaction: history row with statements_done = 0, unless another runner has it
    Session,        // no-transaction: SET / RESET of the session's timeouts
    Progress,       // no-transaction: statements_done after a statement
    History,        // creating the history table
  };
  Kind kind;
  std::vector<std::string> sql;  // statements, without the trailing ';'
  int statement = -1;            // FileStatement: index into Step::statements
  std::string proceed_if;        // Prelude: the re-check value that lets the step run ("t"/"f"; "": no re-check)
  std::string text() const;      // what PQexec sends
};

using Script = std::vector<RoundTrip>;

// What every migration runs with, after a RESET ALL: set per transaction (SET LOCAL) or, for
// no-transaction migrations, on the session and RESET afterwards.
struct Settings {
  Timeouts timeouts;
  // search_path without "$user" when the role is named like the history schema: "$user" would
  // otherwise resolve to schema strata once the runner has created it, and every unqualified
  // CREATE of a role called strata would land next to the history table.
  std::optional<std::string> search_path;
  history::Location history;  // the history table and lock keys (a tenant schema's, in a fleet of schemas)
};

// The search_path to use for a role and its search_path setting (nullopt: leave it alone).
std::optional<std::string> search_path_for(const std::string& current_user, const std::string& search_path);
// The settings of a run: its timeouts, the search_path (a tenant's: "<tenant>, public"; else
// search_path_for the session), the history location of options.schema.
Settings settings_for(const RunOptions& options, const history::Snapshot& snapshot);

// Applying a pending migration, in a transaction or (no-transaction pragma, or resuming)
// statement by statement from statements_done.
Script apply(const plan::Step& step, const history::Row& row, const Settings& settings);
// Reverting an applied migration with its down file (Step::file), deleting its history row.
Script revert(const plan::Step& step, const Settings& settings);

// SQL that is not a versioned migration (runner::apply_unrecorded): like apply, without any
// history statement.
Script unrecorded(const plan::Step& step, const Settings& settings);

// The history table, created in a transaction under the transaction lock (concurrent runners
// behind PgBouncer could otherwise race on CREATE TABLE IF NOT EXISTS).
RoundTrip create_history(const history::Location& location);

bool transactional(const Script& script);

// For a dry run: "-- <header>" then every statement followed by ";", one per line group.
std::string render(const std::string& header, const Script& script);

// SET [LOCAL] lock_timeout, statement_timeout, synchronous_commit (a migration reported applied
// survives a server crash even where the server commits asynchronously), search_path.
std::vector<std::string> set_settings(const Settings& settings, bool local);
std::vector<std::string> reset_settings();

}  // namespace strata::runner::script
