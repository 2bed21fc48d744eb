// Comments are golden cases (cases/comments_*); here only what their expected files cannot show.
#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object film = table("public", "film");
const Object film_id = column(film, "id", "integer", 1);

// The SQL is cases/comments_removed; a comment change is its own action, with its own summary.
TEST(Comments, RemovedCommentIsACommentChange) {
  const Plan plan = diff(db({commented(film, "old"), film_id}), db({film, film_id}));
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].action, Change::Action::Comment);
  EXPECT_EQ(plan.changes[0].summary, "comment on table public.film");
}

}  // namespace
}  // namespace strata::diff::testing
