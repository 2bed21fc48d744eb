// Functions are golden cases (cases/functions_*); here only what their expected files cannot show.
#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

Object add(const std::string& result) {
  return function("public", "add", "integer, integer",
                  {{"arguments", "a integer, b integer"},
                   {"result", result},
                   {"definition", "CREATE OR REPLACE FUNCTION public.add(a integer, b integer)\n RETURNS " + result +
                                      "\n LANGUAGE sql\nAS $function$ SELECT a + b $function$\n"}});
}

// The SQL is cases/functions_result_change_recreates; the drop says why (not destructive, so
// expected.notes does not show it).
TEST(Functions, ResultChangeRecreatesAndSaysWhy) {
  const Plan plan = diff(db({add("integer")}), db({add("bigint")}));
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].action, Change::Action::Drop);
  EXPECT_EQ(plan.changes[0].summary, "drop function public.add(integer, integer) (to recreate: result changes)");
  EXPECT_EQ(plan.changes[1].action, Change::Action::Create);
}

}  // namespace
}  // namespace strata::diff::testing
