#include "ast.h"

#include <cctype>
#include <map>

namespace strata::lint::ast {
namespace {

const Json& null_json() {
  static const Json value;
  return value;
}

const Json& empty_array() {
  static const Json value = Json::array();
  return value;
}

// Type names the parser leaves as the user wrote them (only SQL-standard spellings such as
// `integer` or `character varying` come out as pg_catalog.<internal name>).
const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> map{
      {"int", "int4"},           {"integer", "int4"},          {"smallint", "int2"},
      {"bigint", "int8"},        {"real", "float4"},           {"float", "float8"},
      {"double precision", "float8"}, {"boolean", "bool"},     {"character varying", "varchar"},
      {"character", "bpchar"},   {"char", "bpchar"},           {"decimal", "numeric"},
      {"timestamp with time zone", "timestamptz"},             {"time with time zone", "timetz"},
      {"timestamp without time zone", "timestamp"},            {"time without time zone", "time"},
      {"bit varying", "varbit"}, {"serial4", "serial"},        {"serial8", "bigserial"},
      {"serial2", "smallserial"},
  };
  return map;
}

}  // namespace

std::string kind(const Json& node) {
  if (!node.is_object() || node.size() != 1) return "";
  const auto& key = node.begin().key();
  return !key.empty() && std::isupper(static_cast<unsigned char>(key[0])) ? key : "";
}

const Json& body(const Json& node) {
  if (kind(node).empty()) return node;
  return node.begin().value();
}

const Json& field(const Json& node, const char* name) {
  if (!node.is_object()) return null_json();
  const auto it = node.find(name);
  return it == node.end() ? null_json() : *it;
}

std::string text(const Json& node, const char* name) {
  const auto& value = field(node, name);
  return value.is_string() ? value.get<std::string>() : "";
}

bool flag(const Json& node, const char* name) {
  const auto& value = field(node, name);
  return value.is_boolean() && value.get<bool>();
}

const Json& list(const Json& node, const char* name) {
  const auto& value = field(node, name);
  return value.is_array() ? value : empty_array();
}

std::optional<std::size_t> location(const Json& node) {
  const auto& value = field(body(node), "location");
  if (value.is_number_integer() && value.get<long long>() >= 0) return value.get<std::size_t>();
  return std::nullopt;
}

std::vector<std::string> strings(const Json& items) {
  std::vector<std::string> out;
  if (!items.is_array()) return out;
  for (const auto& item : items) {
    if (kind(item) == "String") out.push_back(text(body(item), "sval"));
  }
  return out;
}

std::string qualified(const std::string& schema, const std::string& name) {
  return (schema.empty() ? std::string("public") : schema) + "." + name;
}

std::string relation_name(const Json& range_var) {
  const auto& rv = body(range_var);
  return qualified(text(rv, "schemaname"), text(rv, "relname"));
}

std::string object_name(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  if (names.size() == 1) return qualified("", names[0]);
  return names[names.size() - 2] + "." + names.back();
}

std::string display(const std::string& qualified_name) {
  if (qualified_name.rfind("public.", 0) == 0) return qualified_name.substr(7);
  return qualified_name;
}

std::string Type::text() const {
  // Messages use the names people write.
  static const std::map<std::string, std::string> names{
      {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"}, {"float4", "real"},
      {"float8", "double precision"}, {"bool", "boolean"}, {"bpchar", "char"}};
  const auto it = names.find(base);
  std::string out = it == names.end() ? base : it->second;
  if (!modifiers.empty()) {
    out += "(";
    for (std::size_t i = 0; i < modifiers.size(); ++i) out += (i ? "," : "") + std::to_string(modifiers[i]);
    out += ")";
  }
  for (int i = 0; i < array_dimensions; ++i) out += "[]";
  return out;
}

Type type_of(const Json& type_name) {
  const auto& tn = body(type_name);
  Type type;
  auto names = strings(list(tn, "names"));
  if (names.size() == 2 && names[0] == "pg_catalog") names.erase(names.begin());
  for (std::size_t i = 0; i < names.size(); ++i) type.base += (i ? "." : "") + names[i];
  if (const auto it = aliases().find(type.base); it != aliases().end()) type.base = it->second;
  for (const auto& modifier : list(tn, "typmods")) {
    const auto& constant = body(modifier);
    if (kind(modifier) == "A_Const" && field(constant, "ival").is_object()) {
      const auto& ival = field(field(constant, "ival"), "ival");
      type.modifiers.push_back(ival.is_number_integer() ? ival.get<long>() : 0);
    }
  }
  type.array_dimensions = static_cast<int>(list(tn, "arrayBounds").size());
  return type;
}

std::vector<std::string> not_null_columns(const Json& check_expression) {
  std::vector<std::string> columns;
  const std::string node_kind = kind(check_expression);
  const auto& node = body(check_expression);
  if (node_kind == "NullTest" && text(node, "nulltesttype") == "IS_NOT_NULL") {
    const auto& arg = field(node, "arg");
    if (kind(arg) == "ColumnRef") {
      const auto fields = strings(list(body(arg), "fields"));
      if (!fields.empty()) columns.push_back(fields.back());
    }
  } else if (node_kind == "BoolExpr" && text(node, "boolop") == "AND_EXPR") {
    for (const auto& arg : list(node, "args")) {
      for (auto& column : not_null_columns(arg)) columns.push_back(std::move(column));
    }
  }
  return columns;
}

}  // namespace strata::lint::ast
