// An undeclared rename is a drop and a create (the safe default: strata cannot know), so the plan
// says when one object went and one alike came in its place, and which pragma keeps it.
#include <map>
#include <optional>
#include <tuple>

#include "attrs.h"
#include "renames.h"

namespace strata::diff {
namespace {

using model::Kind;
using model::Object;

// What must match for two objects of a kind to look like one renamed, and where it must stay:
// {scope, shape}, or nothing for objects no pragma renames.
class Shapes {
 public:
  explicit Shapes(const model::Catalog& catalog) {
    for (const auto& [key, object] : catalog.objects) {
      if (object.kind == Kind::Column) {
        const auto position = object.attrs.value("position", 0);
        ordered_[object.parent][position] = object.name + " " + attrs::text(object.attrs, "type");
      }
    }
  }

  std::optional<std::pair<std::string, std::string>> of(const Object& object) const {
    switch (object.kind) {
      case Kind::Table: {  // any schema: a move is a rename too
        if (attrs::optional_text(object.attrs, "partition_of")) return std::nullopt;
        std::string shape;
        if (auto it = ordered_.find(object.key); it != ordered_.end()) {
          for (const auto& [position, column] : it->second) shape += column + ", ";
        }
        return std::pair{std::string(), shape};
      }
      case Kind::View:
      case Kind::MaterializedView:
        return std::pair{object.schema, attrs::list(object.attrs, "columns").dump()};
      case Kind::Sequence:
      case Kind::Type:
        return std::pair{object.schema, object.attrs.dump()};
      case Kind::Function:  // the argument types are the key's, after the name
        return std::pair{object.schema, object.key.substr(object.key.find('(')) + " " +
                                            attrs::text(object.attrs, "function_kind") + " " +
                                            attrs::text(object.attrs, "result")};
      case Kind::Index: {
        std::string definition = attrs::text(object.attrs, "definition");
        const std::string name = "INDEX " + model::quote_ident(object.name) + " ON";
        if (auto at = definition.find(name); at != std::string::npos) definition.replace(at, name.size(), "INDEX ON");
        return std::pair{object.parent, definition};
      }
      case Kind::Constraint:
        if (attrs::flag(object.attrs, "inherited") || attrs::optional_text(object.attrs, "parent_constraint")) {
          return std::nullopt;
        }
        return std::pair{object.parent, attrs::text(object.attrs, "definition")};
      case Kind::Schema:
        return std::pair{std::string(), std::string()};
      default:
        return std::nullopt;
    }
  }

 private:
  std::map<std::string, std::map<int, std::string>> ordered_;  // table key -> position -> "name type"
};

std::string pragma_for(const Object& gone, const Object& came) {
  if (gone.kind == Kind::Table && gone.schema != came.schema) {
    return "`-- strata:moved-from " + gone.schema + "." + gone.name + "`";
  }
  return "`-- strata:renamed-from " + gone.name + "`";
}

std::string what_it_keeps(Kind kind) {
  if (kind == Kind::Table || kind == Kind::MaterializedView) return "to keep its rows";
  if (kind == Kind::Sequence) return "to keep its value";
  return "to rename it instead of dropping and creating it";
}

}  // namespace

std::vector<std::string> rename_hints(const model::Catalog& from, const model::Catalog& to) {
  std::vector<std::string> hints;

  // Columns: one dropped and one added with the same type, on a table kept in both.
  std::map<std::string, std::vector<const Object*>> dropped_columns, added_columns;  // by table key
  for (const auto& [key, object] : from.objects) {
    if (object.kind == Kind::Column && !to.find(key) && to.find(object.parent)) dropped_columns[object.parent].push_back(&object);
  }
  for (const auto& [key, object] : to.objects) {
    if (object.kind == Kind::Column && !from.find(key) && from.find(object.parent)) added_columns[object.parent].push_back(&object);
  }
  for (const auto& [table, gone] : dropped_columns) {
    auto it = added_columns.find(table);
    if (gone.size() != 1 || it == added_columns.end() || it->second.size() != 1) continue;
    const Object& old_column = *gone.front();
    const Object& new_column = *it->second.front();
    if (attrs::text(old_column.attrs, "type") != attrs::text(new_column.attrs, "type")) continue;
    if (attrs::flag(old_column.attrs, "inherited") || attrs::flag(new_column.attrs, "inherited")) continue;
    hints.push_back(model::key_name(table) + ": column '" + old_column.name + "' dropped and '" + new_column.name +
                    "' added with the same type; if this is a rename, declare it with `-- strata:renamed-from " +
                    old_column.name + "` on the new column to keep the data");
  }

  // Other kinds: one dropped and one created alike, in the same place.
  using Slot = std::tuple<Kind, std::string, std::string>;  // kind, scope, shape
  std::map<Slot, std::vector<const Object*>> gone, came;
  const Shapes from_shapes(from), to_shapes(to);
  for (const auto& [key, object] : from.objects) {
    if (to.find(key)) continue;
    if (auto shape = from_shapes.of(object)) gone[{object.kind, shape->first, shape->second}].push_back(&object);
  }
  for (const auto& [key, object] : to.objects) {
    if (from.find(key)) continue;
    if (auto shape = to_shapes.of(object)) came[{object.kind, shape->first, shape->second}].push_back(&object);
  }
  for (const auto& [slot, objects] : gone) {
    const auto it = came.find(slot);
    if (objects.size() != 1 || it == came.end() || it->second.size() != 1) continue;
    const Object& old_object = *objects.front();
    const Object& new_object = *it->second.front();
    const std::string kind = old_object.kind == Kind::MaterializedView ? "materialized view" : model::to_string(old_object.kind);
    hints.push_back(kind + " " + model::key_name(old_object.key) + " dropped and " + model::key_name(new_object.key) +
                    " created alike; if this is a rename, declare it with " + pragma_for(old_object, new_object) +
                    " on the new one " + what_it_keeps(old_object.kind));
  }
  return hints;
}

}  // namespace strata::diff
