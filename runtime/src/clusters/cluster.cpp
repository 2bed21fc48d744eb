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
  // Without fsync (strata's throwaway clusters) the checkpoints of FILE_COPY cost next to nothing
  // and copying the files beats writing every page to the WAL (WAL_LOG, the default): about half
  // the time for a fresh database (docs/benchmarks.md), which is most of loading a small schema.
  pqxx::nontransaction probe(connection);
  const bool durable = probe.exec1("SELECT current_setting('fsync')::boolean")[0].as<bool>();
  probe.commit();
  run_outside_transaction(connection, "CREATE DATABASE " + connection.quote_name(name) + " TEMPLATE " +
                                          connection.quote_name(template_name) +
                                          (durable ? "" : " STRATEGY FILE_COPY"));
}

void Cluster::drop_database(const std::string& name) const {
  pqxx::connection connection(connection_string("postgres"));
  // FORCE: terminate sessions still connected, e.g. a connection a failed test leaked.
  run_outside_transaction(connection,
                          "DROP DATABASE IF EXISTS " + connection.quote_name(name) + " WITH (FORCE)");
}

}  // namespace strata::runtime
