#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

TEST(RenderSql, EmptyPlanIsEmpty) { EXPECT_EQ(render_sql(Plan{}), ""); }

TEST(RenderSql, EveryStatementEndsWithSemicolonAndNewline) {
  Plan plan;
  plan.changes.push_back({"table:public.t", model::Kind::Table, Change::Action::Alter, {"A", "B"}, false, "x"});
  plan.changes.push_back({"table:public.u", model::Kind::Table, Change::Action::Alter, {"C"}, false, "y"});
  EXPECT_EQ(render_sql(plan), "A;\nB;\nC;\n");
}

TEST(RenderSql, HeaderOnlyWhenFunctionsAreCreatedOrReplaced) {
  Plan plan;
  plan.changes.push_back({"function:public.f()", model::Kind::Function, Change::Action::Drop, {"DROP FUNCTION public.f()"},
                          false, ""});
  EXPECT_EQ(render_sql(plan), "DROP FUNCTION public.f();\n");
  plan.changes.push_back({"function:public.g()", model::Kind::Function, Change::Action::Create, {"CREATE G"}, false, ""});
  EXPECT_EQ(render_sql(plan), "SET check_function_bodies = false;\nDROP FUNCTION public.f();\nCREATE G;\n");
}

}  // namespace
}  // namespace strata::diff::testing
