// The pipeline: decide -> close over dependents -> order -> emit. docs/diff.md explains each step.
#include "strata/diff.h"

#include "closure.h"
#include "decide.h"
#include "emit.h"
#include "inline_defaults.h"
#include "online.h"
#include "ordering.h"
#include "plan_state.h"
#include "renames.h"

namespace strata::diff {

DiffError::DiffError(std::string object_key, const std::string& message, std::string dependent_key)
    : std::runtime_error(message), object_key(std::move(object_key)), dependent_key(std::move(dependent_key)) {}

std::string to_string(Change::Action action) {
  switch (action) {
    case Change::Action::Create: return "create";
    case Change::Action::Drop: return "drop";
    case Change::Action::Alter: return "alter";
    case Change::Action::Comment: return "comment";
  }
  return "unknown";
}

Plan diff(const model::Catalog& from, const model::Catalog& to, const Options& options) {
  // Declared renames run first; the rest of the plan compares A as it is after them.
  RenamedCatalog renamed = apply_renames(from, to, options.renames);
  const model::Catalog& source = options.renames.empty() ? from : renamed.catalog;
  PlanState state(source, to);
  decide(state);
  close_over_dependents(state);

  RenderContext context = state.render_context();
  context.attached_tables = tables_attached_by_plan(state);
  const auto drops = drop_order(state);
  const auto creates = create_order(state, context.attached_tables);
  context.inlined_defaults = defaults_to_inline(state, creates);
  Plan plan = emit(state, drops, creates, context);
  plan.changes.insert(plan.changes.begin(), renamed.renames.begin(), renamed.renames.end());
  plan.hints = rename_hints(source, to);
  apply_online_options(plan, state, options);
  return plan;
}

}  // namespace strata::diff
