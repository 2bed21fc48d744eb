// Hand-built catalogs for the generator's unit tests (only the attrs codegen reads).
#pragma once

#include <string>
#include <vector>

#include "strata/model.h"

namespace strata::codegen::testing {

using nlohmann::json;

inline model::Object table(const std::string& schema, const std::string& name) {
  model::Object object;
  object.kind = model::Kind::Table;
  object.key = "table:" + schema + "." + name;
  object.schema = schema;
  object.name = name;
  object.attrs = {{"partition_of", nullptr}};
  return object;
}

inline model::Object column(const model::Object& table, const std::string& name, const std::string& type, int position,
                            json extra = json::object()) {
  model::Object object;
  object.kind = model::Kind::Column;
  object.key = "column:" + table.schema + "." + table.name + "." + name;
  object.schema = table.schema;
  object.name = name;
  object.parent = table.key;
  object.attrs = {{"position", position}, {"type", type},       {"not_null", false},
                  {"identity", nullptr},  {"generated", nullptr}};
  if (extra.is_object()) object.attrs.update(extra);
  return object;
}

inline model::Object default_of(const model::Object& table, const std::string& column, const std::string& expr) {
  model::Object object;
  object.kind = model::Kind::Default;
  object.key = "default:" + table.schema + "." + table.name + "." + column;
  object.schema = table.schema;
  object.name = column;
  object.parent = table.key;
  object.attrs = {{"expr", expr}};
  return object;
}

inline model::Object constraint(const model::Object& table, const std::string& name, const std::string& type,
                                const std::vector<std::string>& columns, json extra = json::object()) {
  model::Object object;
  object.kind = model::Kind::Constraint;
  object.key = "constraint:" + table.schema + "." + table.name + "." + name;
  object.schema = table.schema;
  object.name = name;
  object.parent = table.key;
  object.attrs = {{"type", type}, {"columns", columns}};
  if (extra.is_object()) object.attrs.update(extra);
  return object;
}

inline model::Object enum_type(const std::string& schema, const std::string& name, const std::vector<std::string>& labels) {
  model::Object object;
  object.kind = model::Kind::Type;
  object.key = "type:" + schema + "." + name;
  object.schema = schema;
  object.name = name;
  object.attrs = {{"type_kind", "enum"}, {"labels", labels}};
  return object;
}

inline model::Object domain(const std::string& schema, const std::string& name, const std::string& base_type,
                            bool not_null = false) {
  model::Object object;
  object.kind = model::Kind::Type;
  object.key = "type:" + schema + "." + name;
  object.schema = schema;
  object.name = name;
  object.attrs = {{"type_kind", "domain"}, {"base_type", base_type}, {"not_null", not_null}, {"default", nullptr}};
  return object;
}

inline model::Catalog catalog_of(const std::vector<model::Object>& objects) {
  model::Catalog catalog;
  for (const auto& object : objects) catalog.add(object);
  return catalog;
}

}  // namespace strata::codegen::testing
