// Tables and partitions are golden cases (cases/tables_*, cases/partitions_*); here only what a
// case cannot prove.
#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

// A child whose column comes only from the parent (attislocal = false, as `CREATE TABLE child ()
// INHERITS (parent)` makes it) gets INHERIT. As a golden case (from: child (id integer); to:
// child () INHERITS (parent)) the proof fails: ALTER TABLE ... INHERIT leaves child.id local
// ("inherited": false), and no ALTER TABLE makes a column non-local. The case with a local
// column is cases/tables_inherit_with_local_column; NO INHERIT is cases/tables_no_inherit.
TEST(Tables, Inherit) {
  const auto parent = table("public", "parent");
  const auto parent_id = column(parent, "id", "integer", 1);
  const auto child = table("public", "child");
  const auto child_id = column(child, "id", "integer", 1);
  const auto heir = with(child, {{"inherits", {parent.key}}});
  const auto heir_id = with(child_id, {{"inherited", true}});
  EXPECT_EQ(sql_for(db({parent, parent_id, child, child_id}), db({parent, parent_id, heir, heir_id})),
            "ALTER TABLE public.child INHERIT public.parent;\n");
}

}  // namespace
}  // namespace strata::diff::testing
