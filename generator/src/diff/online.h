// Options::online_index_builds and Options::not_valid_constraints: rewrite the emitted plan so
// index builds and constraint validation on live tables do not hold long locks inside the
// main transaction. docs/diff.md ("Online changes") gives the rules.
#pragma once

#include "plan_state.h"
#include "strata/diff.h"

namespace strata::diff {

// Rewrites the qualifying changes and moves every after_transaction change (and the COMMENT ON
// of an object built after the transaction) to the end of the plan, keeping their order.
void apply_online_options(Plan& plan, const PlanState& state, const Options& options);

}  // namespace strata::diff
