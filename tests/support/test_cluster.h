// A PostgreSQL cluster for tests: one per test process, started on first use.
#pragma once

#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "strata/cluster.h"

namespace strata::testing {

// Started lazily (the first call pays initdb and server start, about a second), stopped at
// process exit. Its watchdog cleans up if the test process crashes.
runtime::EphemeralCluster& shared_cluster();

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

// Runs `sql` (one or more statements, outside an explicit transaction block) on a fresh
// connection; returns the result of the last statement.
pqxx::result exec(const std::string& connection_string, const std::string& sql);

}  // namespace strata::testing
