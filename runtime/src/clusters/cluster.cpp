#include "strata/cluster.h"

#include <pqxx/pqxx>

namespace strata::runtime {

namespace {

// CREATE/DROP DATABASE cannot run inside a transaction block.
void run_outside_transaction(pqxx::connection& connection, const std::string& sql) {
  pqxx::nontransaction work(connection);
  work.exec0(sql);
}

}  // namespace

void Cluster::create_database(const std::string& name, const std::string& template_name) const {
  pqxx::connection connection(connection_string("postgres"));
  run_outside_transaction(connection, "CREATE DATABASE " + connection.quote_name(name) + " TEMPLATE " +
                                          connection.quote_name(template_name));
}

void Cluster::drop_database(const std::string& name) const {
  pqxx::connection connection(connection_string("postgres"));
  // FORCE: terminate sessions still connected, e.g. a connection a failed test leaked.
  run_outside_transaction(connection,
                          "DROP DATABASE IF EXISTS " + connection.quote_name(name) + " WITH (FORCE)");
}

}  // namespace strata::runtime
