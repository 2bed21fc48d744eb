// A PostgreSQL cluster for tests.
#pragma once

#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "strata/cluster.h"

namespace strata::testing {

// Under CTest (STRATA_TEST_SHARED_CLUSTER set by the strata_test_cluster fixture): the cluster
// every test process of the run shares (the cached cluster under $STRATA_CACHE_DIR, started by
// the fixture; docs/testing.md). A test binary run by hand: private_cluster(). Databases on it
// must have names of their own (ScratchDb, or a name with the pid in it) and roles must be
// created idempotently, since other test processes use the same cluster at the same time.
class TestCluster;
TestCluster& shared_cluster();

// A cluster of this process alone, started on first use (initdb and server start, about a
// second) and stopped at process exit; its watchdog cleans up if the test process crashes. For
// tests about EphemeralCluster itself.
runtime::EphemeralCluster& private_cluster();

// A cluster as the suites see it: any runtime::Cluster, plus the directory that holds its socket
// and server.log (for tests that read the server's log).
class TestCluster final : public runtime::Cluster {
 public:
  TestCluster(runtime::Cluster& cluster, std::filesystem::path directory)
      : cluster_(cluster), directory_(std::move(directory)) {}
  std::string connection_string(const std::string& dbname = "postgres") const override {
    return cluster_.connection_string(dbname);
  }
  std::string url(const std::string& dbname = "postgres") const override { return cluster_.url(dbname); }
  const std::filesystem::path& socket_dir() const override { return cluster_.socket_dir(); }
  int port() const override { return cluster_.port(); }
  const runtime::PgBinaries& binaries() const override { return cluster_.binaries(); }
  const std::filesystem::path& directory() const { return directory_; }

 private:
  runtime::Cluster& cluster_;
  std::filesystem::path directory_;
};

// A database of its own on the shared cluster, dropped when this goes out of scope.
class ScratchDb {
 public:
  explicit ScratchDb(const std::string& prefix = "test", const std::string& template_name = "template0");

  const std::string& name() const { return database_.name(); }
  std::string connection_string() const { return database_.connection_string(); }
  // Opened on first use, closed before the database is dropped.
  pqxx::connection& connection();

 private:
  runtime::ScratchDatabase database_;
  std::unique_ptr<pqxx::connection> connection_;
};

// `base` with this process's id appended: a database name no concurrent test process uses.
std::string unique_name(const std::string& base);

// Runs `sql` (one or more statements, outside an explicit transaction block) on a fresh
// connection; returns the result of the last statement.
pqxx::result exec(const std::string& connection_string, const std::string& sql);

}  // namespace strata::testing
