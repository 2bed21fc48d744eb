// What a run will do, decided before anything runs: the checks that make a run refuse
// (integrity file, edited or missing applied migrations, transaction control in a file) and the
// pending migrations with their statements split by PostgreSQL's parser.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "strata/migrations.h"
#include "strata/runner.h"
#include "strata/sql_source.h"

namespace strata::runner::plan {

struct Step {
  const migrations::Migration* migration = nullptr;
  const migrations::MigrationFile* file = nullptr;  // the up file (migrate) or the down file (rollback)
  sql::SourceFile source;
  std::vector<sql::Statement> statements;
  bool out_of_order = false;
  int statements_done = 0;  // a partial no-transaction migration resumes after these
  bool resuming = false;
  std::vector<bool> skipped;  // per statement: not sent (RunOptions::create_missing_roles)
};

// Throws RunnerError when `integrity_problems` is non-empty, an applied migration's file was
// edited, or an applied migration's file is missing. Every problem is in the details; what()
// names the first one.
void check_history(const std::vector<migrations::Migration>& migrations, const std::vector<HistoryEntry>& history,
                   const std::vector<std::string>& integrity_problems);

// Splits a migration file; a transaction-control statement (BEGIN, COMMIT, ROLLBACK, PREPARE
// TRANSACTION, ...) is a sql::SqlError at its file:line:col. Savepoints are fine.
std::vector<sql::Statement> split_checked(const migrations::MigrationFile& file, sql::SourceFile& source);

// The pending migrations (and partial ones to resume) up to `to_version`, in version order.
std::vector<Step> pending(const std::vector<migrations::Migration>& migrations, const std::vector<HistoryEntry>& history,
                          const std::optional<std::string>& to_version);

// History rows by version (lookups stay cheap for thousands of migrations).
std::map<std::string, const HistoryEntry*> by_version(const std::vector<HistoryEntry>& history);

}  // namespace strata::runner::plan
