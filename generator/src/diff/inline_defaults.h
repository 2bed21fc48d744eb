// Which new defaults are written inside their column's definition (CREATE TABLE or ADD COLUMN)
// rather than as a later ALTER COLUMN ... SET DEFAULT. Inline is better: ADD COLUMN ... DEFAULT
// fills the existing rows, and a NOT NULL column can only be added to a non-empty table that
// way. It is possible when everything the default uses is ready by the time the column is made.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "ordering.h"
#include "plan_state.h"

namespace strata::diff {

std::set<std::string> defaults_to_inline(const PlanState& state, const std::vector<Step>& create_order);

}  // namespace strata::diff
