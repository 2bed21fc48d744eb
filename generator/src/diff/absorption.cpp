#include "absorption.h"

#include "attrs.h"

namespace strata::diff {
namespace {

using model::Kind;
using model::Object;

bool inherited(const Object& object) {
  return (object.kind == Kind::Column || object.kind == Kind::Constraint) && attrs::flag(object.attrs, "inherited");
}

// A sequence owned by a column goes when that column (or its table) goes.
std::optional<std::string> owning_column_dropped(const Object& sequence, const PlanState& state) {
  const Object* owner = nullptr;
  for (const auto& key : state.from_graph.children(sequence.key)) {
    if (state.from_graph.find(key)->kind == Kind::SequenceOwner) owner = state.from_graph.find(key);
  }
  if (!owner) return std::nullopt;
  if (const Object* column = state.from_graph.column_of(*owner); column && state.drops(column->key)) return column->key;
  const std::string table = attrs::text(owner->attrs, "table");
  if (state.drops(table)) return table;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> dropped_along_with(const std::string& key, const PlanState& state) {
  const Object& object = *state.at(key).from;
  if (!object.parent.empty() && state.drops(object.parent)) return object.parent;
  switch (object.kind) {
    case Kind::Default:
      if (const Object* column = state.from_graph.column_of(object); column && state.drops(column->key)) {
        return column->key;
      }
      break;
    case Kind::Index:
      if (auto parent = attrs::optional_text(object.attrs, "parent_index"); parent && state.drops(*parent)) return parent;
      break;
    case Kind::Table:
      if (auto parent = attrs::optional_text(object.attrs, "partition_of"); parent && state.drops(*parent)) return parent;
      break;
    case Kind::Sequence:
      return owning_column_dropped(object, state);
    default:
      break;
  }
  return std::nullopt;
}

bool drop_is_implicit(const std::string& key, const PlanState& state) {
  // PostgreSQL refuses to drop an inherited column or constraint on its own.
  return inherited(*state.at(key).from) || dropped_along_with(key, state).has_value();
}

bool create_is_implicit(const std::string& key, const PlanState& state, const RenderContext& context) {
  const Object& object = *state.at(key).to;
  switch (object.kind) {
    case Kind::Column:
      // An inherited column comes with its parent's ADD COLUMN, unless its table is (re)attached
      // by this plan (ATTACH PARTITION, INHERIT): then it must be there first.
      return state.builds(object.parent) || (inherited(object) && !context.attached_tables.count(object.parent));
    case Kind::Constraint: {
      if (!inherited(object)) return false;
      // A new partition is created standalone with all its constraints, then attached.
      const Object* table = state.to_graph.find(object.parent);
      return !(state.builds(object.parent) && table && attrs::optional_text(table->attrs, "partition_of"));
    }
    case Kind::Default:
      return context.inlined_defaults.count(key) > 0;
    default:
      return false;
  }
}

bool alter_is_implicit(const std::string& key, const PlanState& state) { return inherited(*state.at(key).to); }

}  // namespace strata::diff
