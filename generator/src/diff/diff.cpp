// The pipeline: decide -> close over dependents -> order -> emit. docs/diff.md explains each step.
#include "strata/diff.h"

#include "attrs.h"
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

namespace {

// A NOT NULL column without a default added to a table that exists: PostgreSQL has no value for
// the rows already there, so the ADD COLUMN fails on any table that has rows. The proof of
// `strata generate` replays the migrations into empty tables and cannot see it; say so.
void warn_about_required_columns_without_default(Plan& plan, const PlanState& state, const RenderContext& context) {
  for (const auto& change : plan.changes) {
    if (change.kind != model::Kind::Column || change.action != Change::Action::Create) continue;
    const model::Object& column = *state.at(change.key).to;
    if (!attrs::flag(column.attrs, "not_null") || attrs::optional_text(column.attrs, "identity") ||
        attrs::optional_text(column.attrs, "generated") || state.builds(column.parent)) {
      continue;
    }
    const auto table = state.objects.find(column.parent);
    if (table == state.objects.end() || !table->second.from) continue;
    const model::Object* value = context.to.find_child(column.parent, model::Kind::Default, column.name);
    if (value && context.inlined_defaults.count(value->key)) continue;
    const std::string name = change.key.substr(change.key.find(':') + 1);
    plan.warnings.push_back("column " + name + " is added NOT NULL without a default: the ADD COLUMN fails if " +
                            column.parent.substr(column.parent.find(':') + 1) +
                            " has rows. Give it a DEFAULT, or add it nullable, fill it (a `strata new` data "
                            "migration), then declare it NOT NULL");
  }
}

}  // namespace

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
  warn_about_required_columns_without_default(plan, state, context);
  return plan;
}

}  // namespace strata::diff
