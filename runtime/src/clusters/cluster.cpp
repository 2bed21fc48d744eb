#include "strata/cluster.h"
#include "strata/pg.h"

namespace strata::runtime {

void Cluster::create_database(const std::string& name, const std::string& template_name) const {
  const pg::Session session(connection_string("postgres"), "strata");
  // Without fsync (strata's throwaway clusters) the checkpoints of FILE_COPY cost next to nothing
  // and copying the files beats writing every page to the WAL (WAL_LOG, the default), which is
  // most of loading a small schema (docs/benchmarks.md).
  const bool durable = session.value("SELECT current_setting('fsync')::boolean") == "t";
  session.exec("CREATE DATABASE " + pg::identifier(name) + " TEMPLATE " + pg::identifier(template_name) +
               (durable ? "" : " STRATEGY FILE_COPY"));
}

void Cluster::drop_database(const std::string& name) const {
  const pg::Session session(connection_string("postgres"), "strata");
  // FORCE: terminate sessions still connected, e.g. a connection a failed test leaked.
  session.exec("DROP DATABASE IF EXISTS " + pg::identifier(name) + " WITH (FORCE)");
}

}  // namespace strata::runtime
