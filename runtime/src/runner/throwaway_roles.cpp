#include "throwaway_roles.h"

#include <set>

#include "strata/pg.h"

namespace strata::runner::throwaway {
namespace {

bool role_exists(PGconn* conn, const std::string& role) {
  const auto result = pg::exec(conn, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = " + pg::literal(role),
                               "cannot look up role " + role);
  return PQntuples(result.get()) > 0;
}

}  // namespace

void prepare_roles(PGconn* conn, plan::Step& step) {
  std::set<std::string> named;
  for (const auto& statement : step.statements) named.insert(statement.roles.begin(), statement.roles.end());
  std::set<std::string> created_by_step;
  for (const auto& statement : step.statements) {
    if (!statement.created_role.empty()) created_by_step.insert(statement.created_role);
  }
  for (const auto& role : named) {
    if (created_by_step.count(role)) continue;  // the step creates it itself
    pg::exec(conn,
             "DO $strata$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = " + pg::literal(role) +
                 ") THEN CREATE ROLE " + pg::identifier(role) +
                 " NOLOGIN; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $strata$",
             "cannot create role " + role + " on the throwaway cluster");
  }
  step.skipped.assign(step.statements.size(), false);
  for (std::size_t i = 0; i < step.statements.size(); ++i) {
    const auto& role = step.statements[i].created_role;
    if (!role.empty() && role_exists(conn, role)) step.skipped[i] = true;
  }
}

}  // namespace strata::runner::throwaway
