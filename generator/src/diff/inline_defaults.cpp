#include "inline_defaults.h"

#include <map>
#include <optional>

#include "attrs.h"
#include "render/tables.h"

namespace strata::diff {
namespace {

using model::Object;

// Where in the create order the column itself is written: with its table's CREATE TABLE, or
// as its own ADD COLUMN. None when the column already exists or comes from a parent table.
std::optional<size_t> column_written_at(const Object& column, const PlanState& state,
                                        const std::map<std::string, size_t>& position) {
  if (state.builds(column.parent)) {
    const Object* table = state.to_graph.find(column.parent);
    if (!table || !declared_in_create_table(column, *table)) return std::nullopt;
    return position.at(column.parent);
  }
  if (state.builds(column.key) && !attrs::flag(column.attrs, "inherited")) return position.at(column.key);
  return std::nullopt;
}

}  // namespace

std::set<std::string> defaults_to_inline(const PlanState& state, const std::vector<Step>& create_order) {
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < create_order.size(); ++i) {
    if (!create_order[i].attach_partition) position[create_order[i].key] = i;
  }
  std::set<std::string> inlined;
  for (const auto& [key, plan] : state.objects) {
    if (!state.builds(key) || plan.to->kind != model::Kind::Default) continue;
    const Object* column = state.to_graph.column_of(*plan.to);
    if (!column) continue;
    const auto written_at = column_written_at(*column, state, position);
    if (!written_at) continue;
    bool ready = true;
    for (const auto& dependency : state.to_graph.dependencies(key)) {
      if (dependency == column->key || dependency == column->parent) continue;
      if (state.touches_in_create_phase(dependency) && position.at(dependency) > *written_at) ready = false;
    }
    if (ready) inlined.insert(key);
  }
  return inlined;
}

}  // namespace strata::diff
