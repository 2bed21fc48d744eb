// Executes split statements over strata's libpq layer; a refused statement is a SchemaError at
// the file:line:col PostgreSQL pointed at.
#include <set>

#include "strata/load.h"
#include "strata/pg.h"

namespace strata::load {
namespace {

// pg_dump output names the roles that own objects; roles are cluster-wide and not part of the
// schema model, so the scratch cluster gets any role a statement names before it runs. Another
// process loading into the same cluster may create the same role at the same moment: fine.
void ensure_roles_exist(const pg::Session& session, const std::vector<std::string>& roles, std::set<std::string>& known) {
  for (const auto& role : roles) {
    if (!known.insert(role).second) continue;
    session.exec("DO $strata$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = " + pg::literal(role) +
                     ") THEN CREATE ROLE " + pg::identifier(role) +
                     " NOLOGIN; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $strata$",
                 "cannot create role " + role + " on the scratch cluster");
  }
}

}  // namespace

void execute_statements(const std::string& connection_string, const std::vector<SourceFile>& files) {
  std::vector<std::vector<Statement>> split;
  split.reserve(files.size());
  for (const auto& file : files) split.push_back(split_statements(file));  // refuse bad files before touching the database

  const pg::Session session(connection_string, "strata load");
  std::set<std::string> known_roles;
  for (std::size_t i = 0; i < files.size(); ++i) {
    session.exec("RESET ALL", "reset the session");  // every file starts as if run by its own psql
    for (const auto& statement : split[i]) {
      ensure_roles_exist(session, statement.roles, known_roles);
      const pg::Result result = session.send(statement.sql);
      const auto status = PQresultStatus(result.get());
      if (pg::succeeded(result.get())) continue;
      if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
        throw SchemaError(statement.location, "COPY to or from the client is not supported in a schema file "
                                              "(use INSERT statements, or seed files for data)");
      }
      // A role created by an earlier load on the same cluster is not an error in this one.
      if (!statement.created_role.empty() && pg::sqlstate(result.get()) == pg::kDuplicateObject) continue;
      throw sql::error_from_result(files[i], statement, result.get());
    }
  }
}

}  // namespace strata::load
