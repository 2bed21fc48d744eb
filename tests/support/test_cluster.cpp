#include "test_cluster.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

namespace strata::testing {

runtime::EphemeralCluster& private_cluster() {
  // A function-local static: started once even with concurrent first calls, destroyed (server
  // stopped, directory removed) by the static destructors at exit.
  static const std::unique_ptr<runtime::EphemeralCluster> cluster = runtime::EphemeralCluster::start();
  return *cluster;
}

TestCluster& shared_cluster() {
  static TestCluster cluster = []() -> TestCluster {
    const char* shared = std::getenv("STRATA_TEST_SHARED_CLUSTER");
    if (shared == nullptr || std::string(shared) != "1") {
      auto& own = private_cluster();
      return TestCluster(own, own.directory());
    }
    // Held (the idle watchdog leaves it alone) until the process exits. Its socket directory is
    // its server directory, which holds server.log.
    static const std::unique_ptr<runtime::CachedCluster> cached = runtime::CachedCluster::acquire();
    return TestCluster(*cached, cached->socket_dir());
  }();
  return cluster;
}

ScratchDb::ScratchDb(const std::string& prefix, const std::string& template_name)
    : database_(shared_cluster(), prefix, template_name) {}

pqxx::connection& ScratchDb::connection() {
  if (!connection_) connection_ = std::make_unique<pqxx::connection>(connection_string());
  return *connection_;
}

std::string unique_name(const std::string& base) { return base + "_" + std::to_string(::getpid()); }

pqxx::result exec(const std::string& connection_string, const std::string& sql) {
  pqxx::connection connection(connection_string);
  pqxx::nontransaction work(connection);
  return work.exec(sql);
}

}  // namespace strata::testing
