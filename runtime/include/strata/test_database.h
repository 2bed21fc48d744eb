// Test databases in milliseconds: every test gets its own fresh, fully migrated PostgreSQL
// database, cloned from a template that is built once per distinct set of migrations.
//
//   migrations ──runner::migrate──▶ strata_tpl_<key>      (once per key, under an advisory lock)
//                                     │ CREATE DATABASE … TEMPLATE (background, ahead of demand)
//                                     ▼
//                                   strata_r_<key>_…      ready clones, shared by every process
//                                     │ ALTER DATABASE … RENAME (acquire: ~1 ms)
//                                     ▼
//                                   strata_t_<key>_<pid>_… a test's own database, dropped after it
//
// The key is the SHA-256 of the migrations' integrity file text (strata.sum), so a template is
// reused by every process and every run while the migrations are unchanged, and a new one is
// built when they change. Ready clones live in the server, not in a process: a test process
// that runs a single test (ctest runs each GoogleTest test in a process of its own) still gets
// a database without waiting for CREATE DATABASE. See docs/testing.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/cluster.h"
#include "strata/migrations.h"
#include "strata/runner.h"
#include "strata/sql_source.h"

namespace strata::testdb {

// ---------------------------------------------------------------------------------------------
// Servers (backends)
// ---------------------------------------------------------------------------------------------

enum class BackendKind {
  local,    // the cached cluster under $STRATA_CACHE_DIR, shared by every process (default)
  private_cluster,  // a throwaway cluster of this process (EphemeralCluster)
  url,      // an existing server: $STRATA_TEST_DATABASE_URL (a role with CREATEDB)
  docker,   // a postgres container started for this process (docker or podman: container_engine())
};
std::string to_string(BackendKind kind);
BackendKind parse_backend_kind(const std::string& text);  // throws strata::Error

// A PostgreSQL server test databases are created on.
class Server {
 public:
  virtual ~Server() = default;
  virtual BackendKind kind() const = 0;
  // How to reach database `dbname`: a libpq connection string, and a postgresql:// URL (which
  // carries the password of the configured URL, if it has one: it is meant to be used).
  virtual std::string connection_string(const std::string& dbname) const = 0;
  virtual std::string url(const std::string& dbname) const = 0;
  // The database administrative sessions connect to (postgres, or the URL's database).
  virtual std::string admin_database() const = 0;
  // True when every client of this server runs on this host, so that a test database whose
  // owner process is gone can be dropped at once; otherwise only once older than the TTL.
  virtual bool clients_on_this_host() const = 0;
};

// What the environment says (all optional):
//   STRATA_TEST_BACKEND          local | private | url | docker          (default local)
//   STRATA_TEST_DATABASE_URL     url: admin URL of a role with CREATEDB
//   STRATA_TEST_DOCKER_IMAGE     docker: image (default postgres:15)
//   STRATA_CONTAINER_ENGINE      docker: the engine's program (default: docker or podman, the
//                                first on PATH whose `info` succeeds)
//   STRATA_CACHE_DIR             local: where the shared cluster lives (default ~/.cache/strata)
struct BackendOptions {
  BackendKind kind = BackendKind::local;
  std::string url;
  std::string docker_image = "postgres:15";
  std::chrono::seconds idle_timeout = std::chrono::minutes(15);  // local: stop after this long unused
  static BackendOptions from_environment();
};

std::shared_ptr<Server> open_server(const BackendOptions& options = BackendOptions::from_environment());
// The container engine the docker backend runs: $STRATA_CONTAINER_ENGINE, else the first of docker
// and podman on PATH whose `info` succeeds (a docker client without a daemon does not). Throws
// strata::Error saying what was tried.
std::string container_engine();

// A server for a cluster the caller keeps alive (strata's own tests, benchmarks).
std::shared_ptr<Server> cluster_server(const runtime::Cluster& cluster, BackendKind kind = BackendKind::local);
// A server that owns its cluster.
std::shared_ptr<Server> cluster_server(std::unique_ptr<runtime::Cluster> cluster, BackendKind kind);
// An existing server reached through `admin_url` (URL or keyword/value string).
std::shared_ptr<Server> url_server(const std::string& admin_url);

// ---------------------------------------------------------------------------------------------
// The template pool
// ---------------------------------------------------------------------------------------------

enum class CloneStrategy { automatic, wal_log, file_copy };
std::string to_string(CloneStrategy strategy);
CloneStrategy parse_clone_strategy(const std::string& text);  // throws strata::Error

struct PoolOptions {
  // Ready clones kept in the server ahead of demand (shared by all processes using the same
  // template). $STRATA_TEST_READY overrides.
  int ready = 3;
  // automatic: FILE_COPY on a server without fsync (our clusters: its checkpoints are cheap, and
  // it measured faster at every size, docs/benchmarks.md); with fsync, WAL_LOG up to
  // `file_copy_above_bytes` of template and FILE_COPY above. $STRATA_TEST_CLONE_STRATEGY overrides.
  CloneStrategy strategy = CloneStrategy::automatic;
  std::int64_t file_copy_above_bytes = 64ll << 20;
  // Keep clones ready from a background thread; databases are dropped there too. Without it,
  // acquire() clones on demand and release drops at once.
  bool background = true;
  // Test databases on a server whose clients may be on other hosts (url backend) are swept
  // once older than this. $STRATA_TEST_DATABASE_TTL (seconds) overrides.
  std::chrono::seconds ttl = std::chrono::hours(6);
  // Templates of other migration sets kept on the server (newest first) when a new one is built.
  int keep_templates = 5;
  // How the template is migrated (timeouts, events...).
  runner::RunOptions run;
  // Seed data (e.g. schema/seed/*.sql, see sql::read_sql_files): applied to the template after the
  // migrations, each file in its own transaction, so every test database starts with it. The
  // files' contents are part of the template's key.
  std::vector<sql::SourceFile> seed;
  // Applies the environment overrides named above.
  PoolOptions with_environment() const;
};

struct PoolStats {
  bool built_template = false;  // this pool built the template (else it was there already)
  double template_ms = 0;       // finding or building it
  int acquired_ready = 0;       // acquires served from the ready clones
  int acquired_cold = 0;        // acquires that had to CREATE DATABASE themselves
  int clones_created = 0;       // by this process's background thread
  int dropped = 0;
  int swept = 0;                // databases of dead processes (or past the TTL) dropped
};

class TemplatePool;
struct PoolState;

// A test's own database. Destroying (or release()) hands it back: it is dropped in the
// background (WITH (FORCE): connections a test leaked do not keep it alive).
class TestDatabase {
 public:
  TestDatabase() = default;
  TestDatabase(TestDatabase&& other) noexcept;
  TestDatabase& operator=(TestDatabase&& other) noexcept;
  ~TestDatabase();

  const std::string& name() const { return name_; }
  std::string connection_string() const;
  std::string url() const;
  double acquire_ms() const { return acquire_ms_; }
  void release();

 private:
  friend class TemplatePool;
  TestDatabase(std::shared_ptr<PoolState> state, std::string name, double acquire_ms);
  std::shared_ptr<PoolState> state_;
  std::string name_;
  double acquire_ms_ = 0;
};

class TemplatePool {
 public:
  // Finds or builds the template for `migrations` (built by runner::migrate, so the clones
  // carry strata.migrations like a real database), sweeps databases of dead processes, and
  // starts keeping clones ready.
  TemplatePool(std::shared_ptr<Server> server, std::vector<migrations::Migration> migrations,
               PoolOptions options = PoolOptions().with_environment());
  // Reads the directory (and checks strata.sum when there is one).
  static std::unique_ptr<TemplatePool> from_directory(std::shared_ptr<Server> server,
                                                      const std::filesystem::path& migrations_dir,
                                                      PoolOptions options = PoolOptions().with_environment());
  ~TemplatePool();  // stops the background thread, drops released databases
  TemplatePool(const TemplatePool&) = delete;
  TemplatePool& operator=(const TemplatePool&) = delete;

  TestDatabase acquire();
  // A database nobody drops automatically (strata test-db start): named strata_s_..., dropped
  // by drop_detached_databases() (strata test-db stop) or, on a url server, after the TTL.
  std::string acquire_detached();

  static std::string key_of(const std::vector<migrations::Migration>& migrations,
                            const std::vector<sql::SourceFile>& seed = {});  // sha256 hex
  const std::string& key() const;
  const std::string& template_name() const;
  CloneStrategy strategy() const;  // the one in use (never automatic)
  std::int64_t template_bytes() const;
  PoolStats stats() const;
  const Server& server() const;

 private:
  std::shared_ptr<PoolState> state_;
};

// Drops test databases (strata_t_...) of processes that are gone (clients_on_this_host) or
// older than `ttl`, for every template. Returns their names.
std::vector<std::string> sweep_stale_databases(const Server& server, std::chrono::seconds ttl);
// Drops the strata_s_... databases (strata test-db start). Returns their names.
std::vector<std::string> drop_detached_databases(const Server& server);

// Database names (exposed for tests and tools).
std::string template_database_name(const std::string& key);

// ---------------------------------------------------------------------------------------------
// The local backend's shared cluster, for `strata test-db` and CTest fixtures
// ---------------------------------------------------------------------------------------------

struct LocalClusterState {
  std::filesystem::path cache_root;  // $STRATA_CACHE_DIR or its default
  std::filesystem::path data_dir;
  std::optional<int> postmaster_pid;  // when a server is running there
};
LocalClusterState local_cluster_state();

// Stops the shared cluster under $STRATA_CACHE_DIR: waits (up to `wait`) until no process holds
// it, then a fast shutdown, and waits for the server to be gone. With `purge`, also deletes its
// files (data directory, templates and ready clones included). Returns false when nothing ran.
bool stop_local_cluster(std::chrono::seconds wait = std::chrono::seconds(60), bool purge = false);

// What a test run left behind, for the CTest cleanup fixture: processes (still alive after
// `grace`) whose environment has STRATA_CACHE_DIR=<cache_root> (servers, watchdogs, tests), and
// throwaway cluster directories (<temp root>/strata-XXXXXX) whose owner is gone and that were
// created after `since`, and any other strata* file or directory in /tmp or $TMPDIR changed since
// `since` (a test's scratch directory it did not remove). One line each; empty when clean.
std::vector<std::string> find_leftovers(const std::filesystem::path& cache_root,
                                        std::chrono::system_clock::time_point since,
                                        std::chrono::milliseconds grace = std::chrono::seconds(10));

}  // namespace strata::testdb
