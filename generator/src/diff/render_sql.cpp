#include "strata/diff.h"

namespace strata::diff {
namespace {

// SQL function bodies are checked at CREATE time and may name tables the plan creates later
// (pg_depend does not record those references); pg_dump turns the check off the same way.
bool replaces_functions(const Plan& plan) {
  for (const auto& change : plan.changes) {
    if (change.kind == model::Kind::Function &&
        (change.action == Change::Action::Create || change.action == Change::Action::Alter)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string render_sql(const Plan& plan) {
  std::string sql = replaces_functions(plan) ? "SET check_function_bodies = false;\n" : "";
  for (const auto& change : plan.changes) {
    for (const auto& statement : change.statements) sql += statement + ";\n";
  }
  return sql;
}

}  // namespace strata::diff
