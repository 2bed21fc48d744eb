#include "decide.h"

#include "attrs.h"

namespace strata::diff {

bool same_definition(const model::Object& from, const model::Object& to) {
  // The privileges of an identity column's sequence are granted in the privileges step.
  if (from.kind == model::Kind::Column) return attrs::equal_except(from.attrs, to.attrs, {"position", "identity_sequence"});
  return attrs::equal_except(from.attrs, to.attrs, {});
}

void decide(PlanState& state) {
  const RenderContext context = state.render_context();
  for (auto& [key, plan] : state.objects) {
    if (!plan.to) {
      plan.fate = Fate::Drop;
    } else if (!plan.from) {
      plan.fate = Fate::Create;
    } else if (same_definition(*plan.from, *plan.to)) {
      plan.fate = Fate::Keep;
    } else {
      plan.outcome = renderer_for(plan.to->kind).alter(*plan.from, *plan.to, context);
      plan.fate = plan.outcome.recreate ? Fate::Recreate : Fate::Alter;
    }
  }
}

}  // namespace strata::diff
