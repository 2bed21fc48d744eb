// Seed files (sample data, schema/seed/*.sql): how `strata seed` and seeded test templates
// (testdb::PoolOptions::seed) run them, one implementation for both. docs/devloop.md.
#pragma once

#include <string>
#include <vector>

#include "strata/sql_source.h"

namespace strata::seed {

// Runs `file` in a transaction of its own, statement by statement: a failing statement rolls the
// whole file back and throws sql::SqlError at its file:line:col (SQLSTATE, statement, detail).
// A file that controls transactions itself (BEGIN, COMMIT, ...) is refused before anything runs.
// Connection errors throw strata::Error without the password.
void apply_file(const std::string& connection, const sql::SourceFile& file);

// Runs every file a second time: an idempotent seed file (INSERT ... ON CONFLICT DO NOTHING)
// neither fails nor changes a row count. Returns one problem per file that does ("a.sql: fails on
// a second run: ...", "a.sql: changes row counts on a second run: public.t: 3 -> 6 rows").
std::vector<std::string> idempotency_problems(const std::string& connection, const std::vector<sql::SourceFile>& files);

}  // namespace strata::seed
