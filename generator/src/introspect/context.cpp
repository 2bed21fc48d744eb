#include "context.h"

#include <stdexcept>
#include <utility>

namespace strata::introspect {

pqxx::result Context::query(const std::string& sql, const std::string& description) {
  return transaction_.exec(sql, description);
}

model::Object& Context::add(const CatalogAddress& address, model::Object object) {
  std::string key = object.key;
  auto [it, inserted] = objects_.emplace(key, std::move(object));
  if (!inserted) throw std::logic_error("duplicate catalog object '" + key + "'");
  registry_.add_object(address, key);
  return it->second;
}

model::Object* Context::find(const std::string& key) {
  auto it = objects_.find(key);
  return it == objects_.end() ? nullptr : &it->second;
}

const model::Object* Context::relation(Oid relation_oid) const {
  const std::string* key = registry_.object_at({SystemCatalog::Class, relation_oid});
  if (key == nullptr) return nullptr;
  return &objects_.at(*key);
}

void Context::warn(std::string object, std::string message) {
  warnings_.push_back({std::move(object), std::move(message)});
}

Result Context::finish() {
  Result result;
  for (auto& [key, object] : objects_) result.catalog.add(std::move(object));
  objects_.clear();
  result.warnings = std::move(warnings_);
  return result;
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
