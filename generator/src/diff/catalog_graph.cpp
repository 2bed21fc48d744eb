#include "catalog_graph.h"

#include <algorithm>

#include "attrs.h"

namespace strata::diff {
namespace {

const std::vector<std::string> kNone;

template <typename Map>
const std::vector<std::string>& lookup(const Map& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? kNone : it->second;
}

void sort_unique(std::vector<std::string>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

}  // namespace

CatalogGraph::CatalogGraph(const model::Catalog& catalog) : catalog_(&catalog) {
  for (const auto& [key, object] : catalog.objects) {
    if (!object.parent.empty()) children_[object.parent].push_back(key);
  }
  for (const auto& [key, object] : catalog.objects) {
    std::vector<std::string> needs = object.depends_on;
    for (auto& implied : implied_dependencies(object)) needs.push_back(std::move(implied));
    std::erase_if(needs, [&](const std::string& dep) { return dep == key || !catalog.find(dep); });
    sort_unique(needs);
    for (const auto& dep : needs) dependents_[dep].push_back(key);
    dependencies_[key] = std::move(needs);
  }
  // Keys were visited in sorted order, so every dependents_/children_ list is already sorted.
}

const std::vector<std::string>& CatalogGraph::dependencies(const std::string& key) const {
  return lookup(dependencies_, key);
}

const std::vector<std::string>& CatalogGraph::dependents(const std::string& key) const {
  return lookup(dependents_, key);
}

const std::vector<std::string>& CatalogGraph::children(const std::string& parent_key) const {
  return lookup(children_, parent_key);
}

const model::Object* CatalogGraph::find_child(const std::string& parent_key, model::Kind kind,
                                              const std::string& name) const {
  for (const auto& key : children(parent_key)) {
    const model::Object* child = find(key);
    if (child->kind == kind && child->name == name) return child;
  }
  return nullptr;
}

const model::Object* CatalogGraph::column_of(const model::Object& object) const {
  if (object.kind == model::Kind::Default) {
    return find_child(object.parent, model::Kind::Column, object.name);
  }
  if (object.kind == model::Kind::SequenceOwner) {
    return find_child(attrs::text(object.attrs, "table"), model::Kind::Column,
                      attrs::text(object.attrs, "column"));
  }
  return nullptr;
}

std::vector<std::string> CatalogGraph::parent_tables(const model::Object& table) const {
  std::vector<std::string> parents = attrs::texts(table.attrs, "inherits");
  if (auto partition_of = attrs::optional_text(table.attrs, "partition_of")) {
    parents.insert(parents.begin(), *partition_of);
  }
  return parents;
}

std::vector<std::string> CatalogGraph::implied_dependencies(const model::Object& object) const {
  using model::Kind;
  std::vector<std::string> implied;
  if (!object.parent.empty()) implied.push_back(object.parent);
  if (!object.schema.empty()) implied.push_back("schema:" + object.schema);

  switch (object.kind) {
    case Kind::Extension:
      if (auto schema = attrs::optional_text(object.attrs, "schema")) implied.push_back("schema:" + *schema);
      break;
    case Kind::Table:
      for (auto& parent : parent_tables(object)) implied.push_back(std::move(parent));
      break;
    case Kind::Default:
    case Kind::SequenceOwner:
      if (const model::Object* column = column_of(object)) implied.push_back(column->key);
      if (object.kind == Kind::SequenceOwner) implied.push_back(attrs::text(object.attrs, "table"));
      break;
    case Kind::Index:
      if (auto parent_index = attrs::optional_text(object.attrs, "parent_index")) implied.push_back(*parent_index);
      break;
    case Kind::Constraint:
      if (auto parent_constraint = attrs::optional_text(object.attrs, "parent_constraint")) {
        implied.push_back(*parent_constraint);
      }
      break;
    default:
      break;
  }

  // An inherited column or constraint exists because the parent table's one does: it is added,
  // dropped and altered through the parent's (recursive) ALTER TABLE.
  if ((object.kind == Kind::Column || object.kind == Kind::Constraint) && attrs::flag(object.attrs, "inherited")) {
    if (const model::Object* table = find(object.parent)) {
      for (const auto& parent_table : parent_tables(*table)) {
        if (const model::Object* same = find_child(parent_table, object.kind, object.name)) {
          implied.push_back(same->key);
        }
      }
    }
  }
  return implied;
}

}  // namespace strata::diff
