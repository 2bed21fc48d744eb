// Replay: migrations -> the catalog they build. The migrations are applied by the migration
// runner (runner::migrate, the code that deploys them), to a database of a throwaway cluster,
// which is then introspected. `strata generate` (the migrations' state, and the proof of a new
// migration), `codegen`, `verify`, `baseline`, `rehearse` and diff sources of kind `migrations:`
// all see migrations this way, so what is proven and generated from is what deploys.
//
//   migrations/*.sql ──runner::migrate──▶ scratch db ──introspect──▶ Catalog
#pragma once

#include <filesystem>
#include <vector>

#include "strata/cluster.h"
#include "strata/migrations.h"
#include "strata/model.h"
#include "strata/runner.h"

namespace strata::replay {

// How migrations run on a throwaway database: as in a deploy (each in its own transaction with
// its history row, or statement by statement when no-transaction), without row counts or a
// statement timeout, and with the roles they name created first (roles are cluster-wide).
runner::RunOptions throwaway_options();

// Applies the pending ones of `migrations` to the database at `connection` (of a throwaway
// cluster). Throws what runner::migrate throws: a failed statement is a sql::SqlError at its
// file:line:col.
void apply(const std::string& connection, const std::vector<migrations::Migration>& migrations);

// The catalog `migrations` build: applied to a new scratch database on `cluster`, introspected
// (strata's history schema aside), and dropped again.
model::Catalog catalog(const runtime::Cluster& cluster, const std::vector<migrations::Migration>& migrations);

// The migrations of a directory, refused (strata::Error listing each problem) when strata.sum
// does not match them: a tampered history is never built upon.
std::vector<migrations::Migration> read_verified(const std::filesystem::path& directory);

}  // namespace strata::replay
