// The pipeline: decide -> close over dependents -> order -> emit. docs/diff.md explains each step.
#include "strata/diff.h"

#include <optional>

#include "attrs.h"
#include "closure.h"
#include "decide.h"
#include "emit.h"
#include "inline_defaults.h"
#include "online.h"
#include "ordering.h"
#include "plan_state.h"
#include "privileges.h"
#include "renames.h"

namespace strata::diff {

DiffError::DiffError(std::string object_key, const std::string& message, std::string dependent_key)
    : Error(message), object_key(std::move(object_key)), dependent_key(std::move(dependent_key)) {}

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

// Columns added to a table that exists, where the rows already there matter, which the proof of
// `strata generate` (empty tables) cannot see: a NOT NULL column without a default fails on any
// row; an identity or stored generated column rewrites the table.
void warn_about_columns_added_to_live_tables(Plan& plan, const PlanState& state, const RenderContext& context) {
  for (const auto& change : plan.changes) {
    if (change.kind != model::Kind::Column || change.action != Change::Action::Create) continue;
    const model::Object& column = *state.at(change.key).to;
    const auto table = state.objects.find(column.parent);
    if (state.builds(column.parent) || table == state.objects.end() || !table->second.from) continue;
    if (state.at(change.key).from) continue;  // recreated: the recreate explains itself
    const std::string name = change.key.substr(change.key.find(':') + 1);
    const std::string table_name = column.parent.substr(column.parent.find(':') + 1);
    if (attrs::optional_text(column.attrs, "identity") || attrs::optional_text(column.attrs, "generated")) {
      // Every existing row gets its value written: a rewrite under ACCESS EXCLUSIVE.
      plan.warnings.push_back("column " + name + " is added as " +
                              (attrs::optional_text(column.attrs, "identity") ? "an identity" : "a stored generated") +
                              " column: it rewrites " + table_name +
                              " (and its indexes) under an exclusive lock; on a large table, add a plain column, fill it "
                              "in batches, then attach the sequence or expression");
      continue;
    }
    if (!attrs::flag(column.attrs, "not_null")) continue;
    const model::Object* value = context.to.find_child(column.parent, model::Kind::Default, column.name);
    if (value && context.inlined_defaults.count(value->key)) continue;
    plan.warnings.push_back("column " + name + " is added NOT NULL without a default: the ADD COLUMN fails if " +
                            table_name + " has rows. Give it a DEFAULT, or add it nullable, fill it (a `strata new` data "
                            "migration), then declare it NOT NULL");
  }
}

void approve_destructive(Plan& plan, const model::Catalog& renamed, const model::Catalog& from, const Options& options) {
  const auto approved = [&](const std::string& key) {
    if (options.approved_destructive.count(key)) return true;
    const model::Object* object = renamed.find(key);
    if (object == nullptr) object = from.find(key);
    return object != nullptr && !object->parent.empty() && options.approved_destructive.count(object->parent) > 0;
  };
  for (auto& change : plan.changes) {
    if (change.destructive) change.approved = options.allow_destructive || approved(change.key);
  }
}

std::string destructive_line(const Change& change) {
  return change.summary + ": " + (change.destructive_reason.empty() ? "loses data" : change.destructive_reason);
}

}  // namespace

std::vector<std::string> notes(const Plan& plan) {
  std::vector<std::string> lines;
  for (const auto& warning : plan.warnings) lines.push_back("warning: " + warning);
  for (const auto& change : plan.changes) {
    if (change.destructive) lines.push_back("destructive: " + destructive_line(change) + (change.approved ? " (approved)" : ""));
  }
  for (const auto& hint : plan.hints) lines.push_back("hint: " + hint);
  return lines;
}

std::vector<std::string> unapproved_destructive(const Plan& plan) {
  std::vector<std::string> lines;
  for (const auto& change : plan.changes) {
    if (change.destructive && !change.approved) lines.push_back(destructive_line(change));
  }
  return lines;
}

Plan diff(const model::Catalog& from_catalog, const model::Catalog& to_catalog, const Options& options) {
  // Declared renames run first; the rest of the plan compares A as it is after them (default
  // privileges in a renamed schema follow it, as pg_default_acl's rows do).
  const RenamedCatalog renamed = apply_renames(from_catalog, to_catalog, options);
  const model::Catalog& renamed_from = renamed.applied ? renamed.catalog : from_catalog;

  // Default privileges are settings applied after everything else, not objects to order: the
  // planner works on the catalogs without them (copied only when there are any).
  std::optional<model::Catalog> from_copy, to_copy;
  std::vector<model::Object> from_defaults, to_defaults;
  if (has_default_privileges(renamed_from)) {
    from_copy = renamed_from;
    from_defaults = take_default_privileges(*from_copy);
  }
  if (has_default_privileges(to_catalog)) {
    to_copy = to_catalog;
    to_defaults = take_default_privileges(*to_copy);
  }
  const model::Catalog& source = from_copy ? *from_copy : renamed_from;
  const model::Catalog& to = to_copy ? *to_copy : to_catalog;
  PlanState state(source, to);
  decide(state);
  close_over_dependents(state);

  RenderContext context = state.render_context();
  context.attached_tables = tables_attached_by_plan(state);
  const auto drops = drop_order(state);
  const auto creates = create_order(state, context.attached_tables);
  context.inlined_defaults = defaults_to_inline(state, creates);
  Plan plan = emit(state, drops, creates, context);
  const auto privileges = privilege_changes(state, context, from_defaults, to_defaults);
  plan.changes.insert(plan.changes.end(), privileges.begin(), privileges.end());
  plan.changes.insert(plan.changes.begin(), renamed.renames.begin(), renamed.renames.end());
  plan.hints = rename_hints(source, to);
  apply_online_options(plan, state, options);
  warn_about_columns_added_to_live_tables(plan, state, context);
  approve_destructive(plan, source, from_catalog, options);
  return plan;
}

}  // namespace strata::diff
