// Executes split statements over libpq; a refused statement is a SchemaError at the
// file:line:col PostgreSQL pointed at.
#include <libpq-fe.h>

#include <memory>
#include <set>

#include "strata/load.h"

namespace strata::load {
namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string field(const PGresult* result, int code) {
  const char* value = PQresultErrorField(result, code);
  return value ? value : "";
}

void run_or_throw(PGconn* conn, const std::string& sql) {
  Result result(PQexec(conn, sql.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("internal statement failed: " + sql + ": " + PQerrorMessage(conn));
  }
}

// pg_dump output names the roles that own objects; roles are cluster-wide and not part of the
// schema model, so the scratch cluster gets any role a statement names before it runs. Another
// process loading into the same cluster may create the same role at the same moment: fine.
void ensure_roles_exist(PGconn* conn, const std::vector<std::string>& roles, std::set<std::string>& known) {
  for (const auto& role : roles) {
    if (!known.insert(role).second) continue;
    char* literal = PQescapeLiteral(conn, role.c_str(), role.size());
    char* identifier = PQescapeIdentifier(conn, role.c_str(), role.size());
    const std::string sql = std::string("DO $strata$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ") +
                            literal + ") THEN CREATE ROLE " + identifier +
                            " NOLOGIN; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $strata$";
    PQfreemem(literal);
    PQfreemem(identifier);
    run_or_throw(conn, sql);
  }
}

}  // namespace

void execute_statements(const std::string& connection_string, const std::vector<SourceFile>& files) {
  std::vector<std::vector<Statement>> split;
  split.reserve(files.size());
  for (const auto& file : files) split.push_back(split_statements(file));  // refuse bad files before touching the database

  Connection conn(PQconnectdb(connection_string.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("cannot connect to the scratch database: ") + PQerrorMessage(conn.get()));
  }
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);

  std::set<std::string> known_roles;
  for (std::size_t i = 0; i < files.size(); ++i) {
    run_or_throw(conn.get(), "RESET ALL");  // every file starts as if run by its own psql
    for (const auto& statement : split[i]) {
      ensure_roles_exist(conn.get(), statement.roles, known_roles);
      Result result(PQexec(conn.get(), statement.sql.c_str()), &PQclear);
      const auto status = PQresultStatus(result.get());
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) continue;
      if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
        throw SchemaError(statement.location, "COPY to or from the client is not supported in a schema file "
                                              "(use INSERT statements, or seed files for data)");
      }
      // A role created by an earlier load on the same cluster is not an error in this one.
      if (statement.node_type == "CreateRoleStmt" && field(result.get(), PG_DIAG_SQLSTATE) == "42710") continue;
      throw sql::error_from_result(files[i], statement, result.get());
    }
  }
}

}  // namespace strata::load
