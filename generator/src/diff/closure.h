// Step 3 of the plan: the recreate closure. Whatever still exists in B but depends (in A) on an
// object that the plan drops must leave first: an in-place alter that removes the dependency is
// moved into the drop phase ("hoisted") when everything it needs already exists; anything else
// is recreated, transitively. A column whose type changes does the same to the dependents
// PostgreSQL will not carry across (views, rules, policies, triggers, ...). Recreating data
// (tables, columns, sequences) is refused with a DiffError, except where PostgreSQL itself drops
// it along with its owner (the columns of a recreated table, the partitions of a recreated
// partitioned table, generated columns).
#pragma once

#include "plan_state.h"

namespace strata::diff {

void close_over_dependents(PlanState& state);

}  // namespace strata::diff
