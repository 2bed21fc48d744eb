// Seed files (sample data, schema/seed/*.sql): how `strata seed` and seeded test templates
// (testdb::PoolOptions::seed) run them, one implementation for both. docs/devloop.md.
#pragma once

#include <string>

#include "strata/sql_source.h"

namespace strata::seed {

// Runs `file` in a transaction of its own, statement by statement: a failing statement rolls the
// whole file back and throws sql::SqlError at its file:line:col (SQLSTATE, statement, detail).
// A file that controls transactions itself (BEGIN, COMMIT, ...) is refused before anything runs.
// Connection errors throw runner::RunnerError without the password.
void apply_file(const std::string& connection, const sql::SourceFile& file);

}  // namespace strata::seed
