// `strata generate`: the declared schema + the migrations directory -> the next migration,
// proven on a throwaway PostgreSQL before anything is written (docs/migrations.md).
//
//   migrations/*.sql ──replay──▶ scratch db ──introspect──▶ current ─┐
//   schema/*.sql ──────load──────────────────────────────▶ desired ─┼─diff──▶ up / down files
//                                                                     └─proof: the runner migrates
//                                                                       a copy of the replayed db
//                                                                       with the files (and rolls
//                                                                       them back), as a deploy would
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "strata/cluster.h"
#include "strata/model.h"
#include "strata/diff.h"
#include "strata/prove.h"
#include "strata/load.h"
#include "strata/migration_integrity.h"
#include "strata/model.h"

namespace strata::generate {

struct Options {
  std::filesystem::path schema = "schema";
  std::filesystem::path migrations;  // default: <schema>/migrations
  std::string name;                  // slug; derived from the changes when empty
  bool allow_destructive = false;
  bool online = true;                // CONCURRENTLY index builds, NOT VALID + VALIDATE constraints
  bool check = false;                // write nothing; fail when the schema has uncovered changes
  bool use_cached_cluster = true;    // used by generate(options) without a cluster
  // Catalogs loaded before are reused (source::CatalogCache), and the ones loaded are kept: with
  // the migrations and the schema unchanged, generate(options) settles without a cluster.
  bool catalog_cache = true;
  model::Scope scope;                // owners / privileges compared (strata.json "diff")
  // The proof on data: synthetic rows per table (0: proven on empty tables only, said in the
  // result), the same rows for the same seed.
  int proof_rows = 20;
  unsigned proof_seed = 1;
  // Seed files (schema/seed) run on the state before the migration, on top of the synthetic
  // rows (or instead of them, with proof_rows 0); one that does not apply fails the proof.
  std::filesystem::path proof_seed_dir;
  // The version clock (tests pin it); default: the current UTC time.
  std::optional<std::chrono::system_clock::time_point> now;
  // Told what the run starts doing ("replaying 40 migrations and loading the declared schema",
  // "proving ..."), for progress on a terminal. May be empty.
  std::function<void(const std::string& stage)> on_stage;
};

struct Timings {
  double cluster_ms = 0;
  bool cluster_warm = false;
  double replay_ms = 0;        // migrations -> scratch db -> introspected
  double load_ms = 0;          // declared schema -> scratch db -> introspected
  double sources_wall_ms = 0;  // both of the above, side by side
  double diff_ms = 0;          // up and down plans, rendered
  double proof_ms = 0;         // copy of the replayed db, up (+ down) applied and compared
  double data_proof_ms = 0;    // of which: rows made, kept, and checked after up and down
  double write_ms = 0;
  bool from_cache = false;     // settled from the catalog cache: nothing loaded, no cluster
  nlohmann::json to_json() const;
};

struct WrittenChange {
  std::string summary;
  bool destructive = false;
  bool after_transaction = false;
};

struct Result {
  enum class Status { UpToDate, Written, CheckPassed };
  Status status = Status::UpToDate;
  std::vector<std::filesystem::path> written;  // up, down (and online up, down), in that order
  std::vector<WrittenChange> changes;
  diff::Plan plan;  // the whole plan (its notes: diff::notes)
  std::vector<std::string> warnings;  // the declared schema's and the proof's (the plan's: diff::notes(plan))
  std::string data_proof;  // "proven on 40 synthetic rows in 2 of 2 tables", or why not
  Timings timings;
};

// A refusal or a failed step: the message is one line; details are the lines that explain it
// (files with integrity problems, destructive changes and why, objects the proof found different).
class GenerateError : public Error {
 public:
  using Error::Error;
};

// Runs the whole flow on `cluster`. Throws GenerateError, load::SchemaError (a migration or a
// schema file PostgreSQL refused, with file:line:col), migrations::MigrationError, diff::DiffError.
Result generate(const Options& options, const runtime::Cluster& cluster);
// The same on a cached (or private, see Options::use_cached_cluster) throwaway cluster.
Result generate(const Options& options);

// --- building blocks, also used by tests and benchmarks ---

// A short [a-z0-9_] name for a plan: create_users, add_users_email, alter_tasks, changes.
std::string slug_for(const diff::Plan& plan, const model::Catalog& current, const model::Catalog& desired);
std::string sanitize_slug(const std::string& text);

// The next free version: `now` as yyyymmddHHMMSS (UTC), or one second after the newest
// existing migration when that is not later.
std::string next_version(const std::vector<migrations::Migration>& existing, std::chrono::system_clock::time_point now);
std::string add_seconds(const std::string& version, int seconds);

// `strata new`: an empty up/down pair for a hand-written migration; updates strata.sum.
std::vector<std::filesystem::path> new_migration(const std::filesystem::path& directory, const std::string& name,
                                                 std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace strata::generate
