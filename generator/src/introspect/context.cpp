#include "context.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace strata::introspect {

model::Object& Context::add(const CatalogAddress& address, model::Object object) {
  auto& added = add(std::move(object));
  registry_.add_object(address, added);
  return added;
}

model::Object& Context::add(model::Object object) {
  // Dependencies are added later (read_dependencies), so Catalog::add, which puts them in
  // order, would come too early: objects go into the map directly and finish() orders them.
  std::string key = object.key;
  auto [it, inserted] = catalog_.objects.emplace(key, std::move(object));
  if (!inserted) throw std::logic_error("duplicate catalog object '" + key + "'");
  return it->second;
}

const model::Object* Context::relation(Oid relation_oid) const {
  return registry_.object_at({SystemCatalog::Class, relation_oid});
}

void Context::warn(std::string object, std::string message) {
  warnings_.push_back({std::move(object), std::move(message)});
}

Result Context::finish() {
  // The same order Catalog::add gives: sorted, without duplicates.
  for (auto& [key, object] : catalog_.objects) {
    auto& dependencies = object.depends_on;
    std::sort(dependencies.begin(), dependencies.end());
    dependencies.erase(std::unique(dependencies.begin(), dependencies.end()), dependencies.end());
  }
  return {std::move(catalog_), std::move(warnings_)};
}

void resolve_references(Context& context, const std::vector<PendingReference>& references) {
  for (const auto& reference : references) {
    if (const model::Object* target = context.registry().object_at(reference.target)) {
      reference.object->attrs[reference.attr] = target->key;
    }
  }
}

model::Object database_object(model::Kind kind, const std::string& name) {
  model::Object object;
  object.key = model::to_string(kind) + ":" + name;
  object.kind = kind;
  object.name = name;
  return object;
}

model::Object schema_object(model::Kind kind, const std::string& schema, const std::string& name) {
  model::Object object;
  object.key = model::to_string(kind) + ":" + schema + "." + name;
  object.kind = kind;
  object.schema = schema;
  object.name = name;
  return object;
}

model::Object table_object(model::Kind kind, const model::Object& table, const std::string& name) {
  model::Object object;
  object.key = model::to_string(kind) + ":" + table.schema + "." + table.name + "." + name;
  object.kind = kind;
  object.schema = table.schema;
  object.name = name;
  object.parent = table.key;
  return object;
}

}  // namespace strata::introspect
