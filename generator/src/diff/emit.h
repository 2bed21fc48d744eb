// Step 5: walk the two orders and ask each kind's renderer for its statements, giving the
// plan's changes: the drop phase, the create/alter phase, then comments.
#pragma once

#include <string>
#include <vector>

#include "ordering.h"
#include "plan_state.h"
#include "strata/diff.h"

namespace strata::diff {

Plan emit(const PlanState& state, const std::vector<std::string>& drop_order, const std::vector<Step>& create_order,
          const RenderContext& context);

}  // namespace strata::diff
