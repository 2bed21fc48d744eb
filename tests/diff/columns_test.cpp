// Column changes are golden cases (cases/columns_*, cases/destructive_*); here only what their
// expected files cannot show.
#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object users = table("public", "users");
const Object id = column(users, "id", "integer", 1, {{"not_null", true}});

// expected.notes shows the summary of destructive changes only.
TEST(Columns, SummaryOfAnAddedColumn) {
  const auto email = column(users, "email", "text", 2);
  const Plan add = diff(db({users, id}), db({users, id, email}));
  ASSERT_EQ(add.changes.size(), 1u);
  EXPECT_FALSE(add.changes[0].destructive);
  EXPECT_EQ(add.changes[0].summary, "add column public.users.email");
}

}  // namespace
}  // namespace strata::diff::testing
