// Dropping what killed processes left: their test databases, and ready clones whose template
// is gone.
#include <set>

#include "strata/pg.h"
#include "names.h"
#include "strata/pg.h"
#include "processes/process_status.h"
#include "strata/test_database.h"

namespace strata::testdb {


using pg::Session;
using pg::identifier;

namespace {

std::vector<std::string> drop_all(pg::Session& session, const std::vector<std::string>& names) {
  std::vector<std::string> dropped;
  for (const auto& name : names) {
    try {
      session.exec("DROP DATABASE IF EXISTS " + identifier(name) + " WITH (FORCE)");
      dropped.push_back(name);
    } catch (const Error&) {
      // Another sweeper is dropping it, or it is in use after all: the next sweep decides.
    }
  }
  return dropped;
}

}  // namespace

std::vector<std::string> sweep_stale_databases(const Server& server, std::chrono::seconds ttl) {
  pg::Session session(server.connection_string(server.admin_database()));
  const auto rows = session.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_%' AND NOT datistemplate ORDER BY oid");
  std::set<std::string> templates;
  for (const auto& row : session.query("SELECT datname FROM pg_database WHERE datistemplate")) {
    if (const auto key = detail::parse_template_name(row[0])) templates.insert(*key);
  }
  const auto now = detail::now_epoch();
  std::vector<std::string> stale;
  for (const auto& row : rows) {
    const auto clone = detail::parse_clone_name(row[0]);
    if (!clone) continue;
    const bool too_old = now - clone->epoch > ttl.count();
    switch (clone->kind) {
      case 't':  // a test's: its process is gone (same host), or it is older than the TTL
        if (server.clients_on_this_host() ? !runtime::process_alive(clone->pid) : too_old) stale.push_back(row[0]);
        break;
      case 'r':  // ready: only useless once its template is gone
        if (!templates.contains(clone->key)) stale.push_back(row[0]);
        break;
      case 's':  // detached (strata test-db start): kept until `stop`, or the TTL on a shared server
        if (!server.clients_on_this_host() && too_old) stale.push_back(row[0]);
        break;
      default:
        break;
    }
  }
  return drop_all(session, stale);
}

std::vector<std::string> drop_detached_databases(const Server& server) {
  pg::Session session(server.connection_string(server.admin_database()));
  std::vector<std::string> names;
  for (const auto& row : session.query("SELECT datname FROM pg_database WHERE datname LIKE " +
                                       pg::literal(detail::clone_pattern('s')))) {
    if (detail::parse_clone_name(row[0])) names.push_back(row[0]);
  }
  return drop_all(session, names);
}

}  // namespace strata::testdb
