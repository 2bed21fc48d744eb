// Types are golden cases (cases/types_*); here only what their expected files cannot show.
#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object mood = enum_type("public", "mood", {"sad", "ok", "happy"});

// What the builders' catalogs cannot miss: a column holding the type is converted in place,
// never dropped (cases/types_enum_remove_label_swaps_the_type shows the whole plan).
TEST(Enums, RemovingALabelAColumnHoldsSwapsTheTypeAndKeepsTheColumn) {
  const auto people = table("public", "people");
  const auto feeling = depends(column(people, "feeling", "public.mood", 1), {mood.key});
  const auto sql = render_sql(diff(db({mood, people, feeling}), db({enum_type("public", "mood", {"sad", "happy"}), people, feeling})));
  EXPECT_NE(sql.find("ALTER TYPE public.mood RENAME TO mood__strata_old;"), std::string::npos) << sql;
  EXPECT_NE(sql.find("ALTER TABLE public.people ALTER COLUMN feeling TYPE public.mood USING feeling::text::public.mood;"),
            std::string::npos) << sql;
  EXPECT_EQ(sql.find("DROP COLUMN"), std::string::npos) << sql;
}

}  // namespace
}  // namespace strata::diff::testing
