// Throwaway PostgreSQL clusters for the generator and the tests.
//
// EphemeralCluster::start() runs initdb into a short private temp dir and starts `postgres`
// listening on a unix socket only (no TCP), fsync off. When the process is root, the server
// runs as an unprivileged user. The server is stopped and the directory removed when the
// object is destroyed, and a watchdog does the same if the owning process dies without
// destroying it (SIGKILL, crash), so neither a postgres process nor a temp dir outlives it.
//
// CachedCluster::acquire() returns a cluster kept running between invocations of `strata`
// (under the user's cache dir), so that repeated commands do not pay initdb and server start.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace strata::runtime {

// Where the PostgreSQL server binaries are and which major version they are.
struct PgBinaries {
  std::filesystem::path bindir;  // contains initdb, postgres, pg_ctl, pg_dump
  int major_version = 0;

  // Looks in order: $STRATA_PG_BINDIR, `pg_config --bindir`, PATH, /usr/lib/postgresql/*/bin
  // (newest first). Throws strata::Error naming every place it looked when none has both
  // initdb and postgres.
  static PgBinaries find();
  std::filesystem::path tool(const std::string& name) const { return bindir / name; }
};

// What every cluster offers: connection strings and database management.
class Cluster {
 public:
  Cluster();
  virtual ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // A libpq keyword/value connection string with every keyword that could otherwise come from
  // the caller's PG* environment set explicitly (host, port, user, dbname, sslmode, options...).
  virtual std::string connection_string(const std::string& dbname = "postgres") const = 0;
  // The same as a postgresql:// URL (socket dir as host=... query parameter).
  virtual std::string url(const std::string& dbname = "postgres") const = 0;
  virtual const std::filesystem::path& socket_dir() const = 0;
  virtual int port() const = 0;
  virtual const PgBinaries& binaries() const = 0;

  // CREATE DATABASE <name> [TEMPLATE <template_name>]; DROP DATABASE IF EXISTS ... WITH (FORCE).
  // Both run on an administrative session kept open for the next call (a connection costs the
  // server a backend start, about as much as creating a small database).
  void create_database(const std::string& name, const std::string& template_name = "template0") const;
  void drop_database(const std::string& name) const;

 private:
  // Runs `sql` on an idle administrative session of this cluster (opened when there is none).
  void administer(const std::string& sql) const;
  struct AdminSessions;
  std::unique_ptr<AdminSessions> admin_;
};

struct ClusterOptions {
  std::chrono::milliseconds start_timeout{30'000};
  std::string superuser = "strata";
  std::filesystem::path temp_root;  // default: $TMPDIR or /tmp (kept short for the socket path)
};

class EphemeralCluster final : public Cluster {
 public:
  static std::unique_ptr<EphemeralCluster> start(const ClusterOptions& options = {});
  ~EphemeralCluster() override;  // stops the server (fast shutdown) and removes the directory
  EphemeralCluster(const EphemeralCluster&) = delete;
  EphemeralCluster& operator=(const EphemeralCluster&) = delete;

  std::string connection_string(const std::string& dbname = "postgres") const override;
  std::string url(const std::string& dbname = "postgres") const override;
  const std::filesystem::path& socket_dir() const override;
  int port() const override;
  const PgBinaries& binaries() const override;
  const std::filesystem::path& directory() const;  // the private temp dir (data + socket)
  int server_pid() const;

  struct Impl;
 private:
  explicit EphemeralCluster(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// $STRATA_CACHE_DIR, else $XDG_CACHE_HOME/strata, else $HOME/.cache/strata: where the cached
// cluster and what strata keeps between invocations live.
std::filesystem::path cache_root();

// A cluster that outlives the process: started on first use under
// $STRATA_CACHE_DIR (default $XDG_CACHE_HOME/strata or ~/.cache/strata), reused by later
// invocations, and shut down by its watchdog after `idle_timeout` without use.
class CachedCluster final : public Cluster {
 public:
  static std::unique_ptr<CachedCluster> acquire(std::chrono::seconds idle_timeout = std::chrono::minutes(15),
                                                const ClusterOptions& options = {});
  ~CachedCluster() override;  // releases it (leaves it running for the next invocation)

  std::string connection_string(const std::string& dbname = "postgres") const override;
  std::string url(const std::string& dbname = "postgres") const override;
  const std::filesystem::path& socket_dir() const override;
  int port() const override;
  const PgBinaries& binaries() const override;
  bool was_warm() const;  // true when an already running server was reused

  struct Impl;
 private:
  explicit CachedCluster(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A database with a unique name on a cluster, dropped when this object is destroyed.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(const Cluster& cluster, const std::string& prefix = "strata_scratch",
                           const std::string& template_name = "template0");
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& name() const { return name_; }
  std::string connection_string() const { return cluster_.connection_string(name_); }

 private:
  const Cluster& cluster_;
  std::string name_;
};

}  // namespace strata::runtime
