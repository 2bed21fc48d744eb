// Types are golden cases (cases/types_*); here only what their expected files cannot show.
#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object mood = enum_type("public", "mood", {"sad", "ok", "happy"});

// The message is cases/types_enum_remove_label_a_column_may_hold_refused/expected.error; the
// error also names the objects in its fields.
TEST(Enums, RemovingALabelAColumnMayHoldIsRefusedNamingBoth) {
  const auto people = table("public", "people");
  const auto feeling = depends(column(people, "feeling", "public.mood", 1), {mood.key});
  try {
    diff(db({mood, people, feeling}), db({enum_type("public", "mood", {"sad", "happy"}), people, feeling}));
    FAIL() << "expected a DiffError";
  } catch (const DiffError& error) {
    EXPECT_EQ(error.object_key, mood.key);
    EXPECT_EQ(error.dependent_key, feeling.key);
  }
}

}  // namespace
}  // namespace strata::diff::testing
