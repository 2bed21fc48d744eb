// The one source loader: where a schema comes from -> the loaded schema (catalog, pragmas, where
// each object was declared). Every command that reads a schema (diff, push, generate, docs,
// codegen, inspect, verify, baseline, rehearse) reads it through here.
//
//   empty ───────────────────────────────────────────────────────────▶ Catalog (a fresh database's)
//   file.sql | directory/ ──load (scratch database)──introspect──────▶ Catalog + pragmas + declarations
//   postgresql://… ───────────────────────────────────introspect──────▶ Catalog (strata schema aside)
//   migrations:directory/ ──replay (the runner)──────introspect──────▶ Catalog
//   (migrations already read: the same, without reading or verifying them again)
//
// File and migration sources need a throwaway cluster: the cached one (kept running between
// invocations) or a private one, started on first use.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "strata/cluster.h"
#include "strata/diff.h"
#include "strata/load.h"
#include "strata/prove.h"
#include "strata/migrations.h"

namespace strata::source {

struct Source {
  enum class Kind { Empty, Files, Database, Migrations };
  Kind kind = Kind::Empty;
  std::filesystem::path path;  // Files, Migrations read from a directory
  std::string url;             // Database (may hold a password: never print it)
  std::optional<std::vector<migrations::Migration>> list;  // Migrations the caller has read and verified

  // `empty`, a postgresql:// (or postgres://) URL, `migrations:DIR`, else a .sql file or a
  // directory of .sql files.
  static Source parse(const std::string& text);
  static Source files(const std::filesystem::path& path);
  static Source migrations(const std::filesystem::path& directory);  // strata.sum verified when loaded
  static Source migrations(std::vector<migrations::Migration> list, std::string description);
  static Source database(const std::string& url);
  bool needs_cluster() const { return kind == Kind::Files || kind == Kind::Migrations; }
  // For people: the path, or the URL without its password.
  std::string describe() const;
};

bool is_database_url(const std::string& text);

struct Timings {
  double cluster_ms = 0;
  bool cluster_warm = false;
  load::LoadTimings load;
  double replay_ms = 0;
  double live_introspect_ms = 0;
  double sources_wall_ms = 0;  // two sources, loaded side by side
  int cache_hits = 0;          // sources whose catalog came from the catalog cache
  double cache_ms = 0;         // reading and writing it
};

// What strata keeps between invocations under $STRATA_CACHE_DIR/catalogs: the catalogs of file
// and migration sources loaded before, and what they settled (generate: "no changes"). Entries
// are keyed by a hash of what was loaded (every file's path and bytes, or every migration's
// version and up file), the program that loaded it (its executable's path, size and mtime: a
// rebuilt strata loads again) and the PostgreSQL server binary's (an upgrade loads again). A
// source loaded again unchanged is read back in milliseconds instead of loaded into a database.
// Only successful loads are kept, the newest kKept entries. STRATA_CATALOG_CACHE=off turns it off.
class CatalogCache {
 public:
  static constexpr int kKept = 64;
  CatalogCache();  // off when the cache directory cannot be used
  bool enabled() const { return !directory_.empty(); }

  static std::string key(const std::vector<sql::SourceFile>& files);
  static std::string key(const std::vector<migrations::Migration>& migrations);
  // A key for anything else that is a function of `content` (and of the program and server).
  static std::string key(const std::string& kind, const std::string& content);

  // The loaded schema stored under `key`: its catalog (unscoped), warnings, and for files their
  // pragmas and declarations.
  std::optional<load::LoadedSchema> find(const std::string& key) const;
  void store(const std::string& key, const load::LoadedSchema& loaded) const;

  std::optional<nlohmann::json> read(const std::string& key) const;
  // Never fails the caller: a cache that cannot be written is only slower.
  void write(const std::string& key, const nlohmann::json& value) const;

 private:
  std::filesystem::path directory_;
};

// The loaded schema: the catalog; for files, their pragmas and where each object was declared
// (load::LoadedSchema); the warnings about what the model left out.
using Loaded = load::LoadedSchema;

enum class ClusterChoice { Cached, Private };

class Loader {
 public:
  explicit Loader(ClusterChoice choice);
  // Loads on a cluster the caller keeps alive (tests, benchmarks).
  explicit Loader(const runtime::Cluster& cluster);
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  Loaded load(const Source& source);
  // Two sources side by side (two databases on one cluster use both cores): a diff of two schema
  // files costs about one load instead of two.
  std::pair<Loaded, Loaded> load_both(const Source& first, const Source& second);

  // Owners and privileges left out of every catalog loaded from now on (model::narrow).
  void set_scope(const model::Scope& scope) { scope_ = scope; }
  // Catalogs of file and migration sources read from and kept in the CatalogCache (on for the
  // command line's loaders; off for a loader on a caller's cluster unless turned on).
  void use_catalog_cache(bool on) { cache_ = on ? std::make_optional<CatalogCache>() : std::nullopt; }
  const model::Scope& scope() const { return scope_; }

  // The cluster, started now if it was not yet (thread-safe).
  const runtime::Cluster& cluster();
  const Timings& timings() const { return timings_; }

 private:
  Loaded load_unscoped(const Source& source);
  Loaded cache_hit(Loaded loaded, std::chrono::steady_clock::time_point start);

  ClusterChoice choice_ = ClusterChoice::Cached;
  model::Scope scope_;
  std::optional<CatalogCache> cache_;
  std::unique_ptr<runtime::Cluster> owned_;
  const runtime::Cluster* cluster_ = nullptr;
  std::mutex mutex_;  // guards timings_ while two loads run at once
  std::mutex cluster_mutex_;  // started by whichever load needs it first (none, when both are cached)
  Timings timings_;
};

// What a declared schema asks of a diff against it: its `renamed-from` pragmas as renames, and
// the objects its `allow-destructive` pragmas approve.
diff::Options diff_options(const Loaded& to);

// `strata diff --prove`, `strata push --prove`: the plan applied, on `cluster`, to a database
// built from `from` (its catalog, created from nothing) holding synthetic rows: it must reach `to`
// (compared within `scope`) and keep the invariants of the proof on data (docs/migrations.md).
struct PlanProof {
  prove::FillReport filled;
  std::vector<std::string> failures;  // what does not run, differs from `to`, or breaks an invariant
  std::vector<std::string> warnings;  // NOT VALID constraints the rows break
};
PlanProof prove_plan(const runtime::Cluster& cluster, const model::Catalog& from, const model::Catalog& to,
                     const diff::Plan& plan, const diff::Options& options, const model::Scope& scope,
                     const prove::FillOptions& fill = {});

}  // namespace strata::source
