// Step 1 and 2 of the plan: classify every key of A ∪ B and, for each object present in both
// with different attrs, ask its kind's renderer whether it alters in place or is recreated.
#pragma once

#include "plan_state.h"

namespace strata::diff {

// attrs equality as the diff sees it: a column's position is ignored, null equals missing.
bool same_definition(const model::Object& from, const model::Object& to);

void decide(PlanState& state);

}  // namespace strata::diff
