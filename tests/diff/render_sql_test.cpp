#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

Change change(std::string key, model::Kind kind, Change::Action action, std::vector<std::string> statements) {
  Change result;
  result.key = std::move(key);
  result.kind = kind;
  result.action = action;
  result.statements = std::move(statements);
  return result;
}

TEST(RenderSql, EmptyPlanIsEmpty) { EXPECT_EQ(render_sql(Plan{}), ""); }

TEST(RenderSql, EveryStatementEndsWithSemicolonAndNewline) {
  Plan plan;
  plan.changes.push_back(change("table:public.t", model::Kind::Table, Change::Action::Alter, {"A", "B"}));
  plan.changes.push_back(change("table:public.u", model::Kind::Table, Change::Action::Alter, {"C"}));
  EXPECT_EQ(render_sql(plan), "A;\nB;\nC;\n");
}

TEST(RenderSql, HeaderOnlyWhenFunctionsAreCreatedOrReplaced) {
  Plan plan;
  plan.changes.push_back(change("function:public.f()", model::Kind::Function, Change::Action::Drop, {"DROP FUNCTION public.f()"}));
  EXPECT_EQ(render_sql(plan), "DROP FUNCTION public.f();\n");
  plan.changes.push_back(change("function:public.g()", model::Kind::Function, Change::Action::Create, {"CREATE G"}));
  EXPECT_EQ(render_sql(plan), "SET check_function_bodies = false;\nDROP FUNCTION public.f();\nCREATE G;\n");
}

}  // namespace
}  // namespace strata::diff::testing
