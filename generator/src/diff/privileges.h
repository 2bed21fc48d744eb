// Step 6: owners and privileges, after every object of the plan exists, then the default
// privileges (ALTER DEFAULT PRIVILEGES), last, as pg_dump orders them: objects the plan creates
// get the default privileges in force before the migration, and are granted from there.
#pragma once

#include <vector>

#include "plan_state.h"
#include "strata/diff.h"

namespace strata::diff {

// The catalog's default privileges, taken out of it: they are settings, not objects that the
// planner orders.
std::vector<model::Object> take_default_privileges(model::Catalog& catalog);
bool has_default_privileges(const model::Catalog& catalog);

// ALTER ... OWNER TO, GRANT and REVOKE for every object of B whose owner or privileges differ
// from what it has after the plan's other steps (a created or recreated object starts from the
// default privileges of A), then ALTER DEFAULT PRIVILEGES from A's to B's.
std::vector<Change> privilege_changes(const PlanState& state, const RenderContext& context,
                                      const std::vector<model::Object>& from_defaults,
                                      const std::vector<model::Object>& to_defaults);

}  // namespace strata::diff
