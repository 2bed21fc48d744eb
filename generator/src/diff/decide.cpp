#include "decide.h"

#include "attrs.h"

namespace strata::diff {

bool same_definition(const model::Object& from, const model::Object& to) {
  // The privileges of an identity column's sequence are granted in the privileges step; the
  // comments on an object's parts are written in the comment step.
  if (from.kind == model::Kind::Column) {
    return attrs::equal_except(from.attrs, to.attrs, {"position", "identity_sequence", "part_comments"});
  }
  return attrs::equal_except(from.attrs, to.attrs, {"part_comments"});
}

namespace {

// The object as a renderer compares it: without the comments on its parts.
model::Object without_part_comments(const model::Object& object) {
  model::Object copy = object;
  if (copy.attrs.is_object()) copy.attrs.erase("part_comments");
  return copy;
}

bool has_part_comments(const model::Object& object) {
  return object.attrs.is_object() && object.attrs.contains("part_comments");
}

}  // namespace

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
      const KindRenderer& renderer = renderer_for(plan.to->kind);
      plan.outcome = has_part_comments(*plan.from) || has_part_comments(*plan.to)
                         ? renderer.alter(without_part_comments(*plan.from), without_part_comments(*plan.to), context)
                         : renderer.alter(*plan.from, *plan.to, context);
      plan.fate = plan.outcome.recreate ? Fate::Recreate : Fate::Alter;
    }
  }
}

}  // namespace strata::diff
