#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

std::string add_definition(const std::string& body) {
  return "CREATE OR REPLACE FUNCTION public.add(a integer, b integer)\n RETURNS integer\n LANGUAGE sql\n"
         "AS $function$" + body + "$function$\n";
}

Object add(const std::string& body = " SELECT a + b ", const std::string& result = "integer") {
  return function("public", "add", "integer, integer",
                  {{"arguments", "a integer, b integer"}, {"result", result}, {"definition", add_definition(body)}});
}

TEST(Functions, CreateAndDrop) {
  EXPECT_EQ(sql_for(db({}), db({add()})),
            "SET check_function_bodies = false;\n"
            "CREATE OR REPLACE FUNCTION public.add(a integer, b integer)\n RETURNS integer\n LANGUAGE sql\n"
            "AS $function$ SELECT a + b $function$;\n");
  EXPECT_EQ(sql_for(db({add()}), db({})), "DROP FUNCTION public.add(integer, integer);\n");
}

TEST(Functions, BodyChangeReplacesInPlace) {
  EXPECT_EQ(sql_for(db({add()}), db({add(" SELECT b + a ")})),
            "SET check_function_bodies = false;\n"
            "CREATE OR REPLACE FUNCTION public.add(a integer, b integer)\n RETURNS integer\n LANGUAGE sql\n"
            "AS $function$ SELECT b + a $function$;\n");
}

TEST(Functions, ResultChangeRecreates) {
  const Plan plan = diff(db({add()}), db({add(" SELECT a + b ", "bigint")}));
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].statements, std::vector<std::string>{"DROP FUNCTION public.add(integer, integer)"});
  EXPECT_EQ(plan.changes[0].summary, "drop function public.add(integer, integer) (to recreate: result changes)");
  EXPECT_EQ(plan.changes[1].action, Change::Action::Create);
}

TEST(Functions, ProceduresAndAggregates) {
  const auto proc = function("public", "tidy", "", {{"function_kind", "procedure"}, {"arguments", ""},
                                                    {"definition", "CREATE OR REPLACE PROCEDURE public.tidy()\n"
                                                                   " LANGUAGE sql\nAS $procedure$ SELECT 1 $procedure$\n"}});
  EXPECT_EQ(sql_for(db({proc}), db({})), "DROP PROCEDURE public.tidy();\n");
  const auto total = function("public", "total", "integer",
                              {{"function_kind", "aggregate"}, {"arguments", "integer"}, {"result", "bigint"},
                               {"definition", "CREATE AGGREGATE public.total(integer) (SFUNC = int4_sum, STYPE = bigint)"}});
  EXPECT_EQ(sql_for(db({total}), db({})), "DROP AGGREGATE public.total(integer);\n");
  EXPECT_EQ(sql_for(db({total}),
                    db({with(total, {{"definition", "CREATE AGGREGATE public.total(integer) (SFUNC = int4_sum, "
                                                     "STYPE = bigint, INITCOND = '0')"}})})),
            "SET check_function_bodies = false;\n"
            "CREATE OR REPLACE AGGREGATE public.total(integer) (SFUNC = int4_sum, STYPE = bigint, INITCOND = '0');\n");
}

TEST(Functions, NoHeaderWhenOnlyDropping) {
  EXPECT_EQ(sql_for(db({add()}), db({})).find("check_function_bodies"), std::string::npos);
}

}  // namespace
}  // namespace strata::diff::testing
