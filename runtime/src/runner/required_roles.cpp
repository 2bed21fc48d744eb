#include "required_roles.h"

#include <map>
#include <set>

#include "strata/pg.h"
#include "strata/runner.h"

namespace strata::runner {

void require_roles(PGconn* conn, const std::vector<plan::Step>& steps) {
  std::map<std::string, std::string> first_named_by;  // role -> migration
  std::set<std::string> created;
  for (const auto& step : steps) {
    for (const auto& statement : step.statements) {
      for (const auto& role : statement.roles) {
        if (!created.count(role)) first_named_by.emplace(role, step.migration->name());
      }
      if (!statement.created_role.empty()) created.insert(statement.created_role);
    }
  }
  if (first_named_by.empty()) return;
  std::string names;
  for (const auto& [role, migration] : first_named_by) names += (names.empty() ? "" : ",") + pg::literal(role);
  const auto result = pg::exec(conn, "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname IN (" + names + ")",
                               "cannot look up the roles the migrations name");
  for (int row = 0; row < PQntuples(result.get()); ++row) first_named_by.erase(PQgetvalue(result.get(), row, 0));
  if (first_named_by.empty()) return;
  std::vector<std::string> details;
  for (const auto& [role, migration] : first_named_by) details.push_back("role " + role + ", named by " + migration);
  const auto& [role, migration] = *first_named_by.begin();
  throw RunnerError(migration + " names role " + role + ", which does not exist on the target; nothing was applied",
                    ErrorInfo{.details = details,
                              .hint = "roles are not created by migrations: create them on the target first (CREATE "
                                      "ROLE ...), or set strata.json's \"diff\": {\"owners\": false, \"privileges\": "
                                      "false} if another tool manages them"});
}

}  // namespace strata::runner
