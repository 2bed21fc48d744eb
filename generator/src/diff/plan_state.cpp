#include "plan_state.h"

#include <stdexcept>

namespace strata::diff {

PlanState::PlanState(const model::Catalog& from, const model::Catalog& to) : from_graph(from), to_graph(to) {
  for (const auto& [key, object] : from.objects) objects[key].from = &object;
  for (const auto& [key, object] : to.objects) objects[key].to = &object;
}

const ObjectPlan& PlanState::at(const std::string& key) const {
  auto it = objects.find(key);
  if (it == objects.end()) throw std::logic_error("no plan for '" + key + "'");
  return it->second;
}

Fate PlanState::fate(const std::string& key) const {
  auto it = objects.find(key);
  return it == objects.end() ? Fate::Keep : it->second.fate;
}

bool PlanState::touches_in_create_phase(const std::string& key) const {
  auto it = objects.find(key);
  if (it == objects.end()) return false;
  const ObjectPlan& plan = it->second;
  return builds(key) || (plan.fate == Fate::Alter && !plan.hoisted);
}

}  // namespace strata::diff
