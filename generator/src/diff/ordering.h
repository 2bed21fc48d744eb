// Step 4 of the plan: the order of its steps. The drop phase follows A's dependency graph
// backwards (dependents first), the create/alter phase follows B's forwards; both are
// deterministic topological sorts whose ties are broken by a fixed rank per kind, then by key.
// Nothing here renders SQL.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "plan_state.h"

namespace strata::diff {

struct Step {
  std::string key;
  bool attach_partition = false;  // the ATTACH PARTITION of table `key`, a step of its own
};

// schema, extension, type, function, sequence, table, column, default, constraint p/u, index,
// constraint f/c/x, (partition attach), view, matview, trigger, rule, policy, seqowner.
int kind_rank(const model::Object& object);

// Partitions this plan attaches: new ones, rebuilt ones, and those moving or changing bound.
std::set<std::string> tables_attached_by_plan(const PlanState& state);

// Every key of A, each after everything that depends on it.
std::vector<std::string> drop_order(const PlanState& state);
// Every key of B, each after everything it depends on, plus the attach steps.
std::vector<Step> create_order(const PlanState& state, const std::set<std::string>& attached_tables);

}  // namespace strata::diff
