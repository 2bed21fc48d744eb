#include "test_cluster.h"

namespace strata::testing {

runtime::EphemeralCluster& shared_cluster() {
  // A function-local static: started once even with concurrent first calls, destroyed (server
  // stopped, directory removed) by the static destructors at exit.
  static const std::unique_ptr<runtime::EphemeralCluster> cluster = runtime::EphemeralCluster::start();
  return *cluster;
}

ScratchDb::ScratchDb(const std::string& prefix, const std::string& template_name)
    : database_(shared_cluster(), prefix, template_name) {}

pqxx::connection& ScratchDb::connection() {
  if (!connection_) connection_ = std::make_unique<pqxx::connection>(connection_string());
  return *connection_;
}

pqxx::result exec(const std::string& connection_string, const std::string& sql) {
  pqxx::connection connection(connection_string);
  pqxx::nontransaction work(connection);
  return work.exec(sql);
}

}  // namespace strata::testing
