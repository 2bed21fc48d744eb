#include "type_mapping.h"

namespace strata::codegen::detail {
namespace {

const std::string kTypesHeader = "\"strata/accessors/types.h\"";

CppType builtin(const std::string& type, std::set<std::string> includes, const std::string& select = std::string(1, kValue)) {
  CppType mapped;
  mapped.type = type;
  mapped.includes = std::move(includes);
  mapped.to_text = "::strata::accessors::to_text(" + std::string(1, kValue) + ")";
  mapped.from_text = "::strata::accessors::from_text<" + type + ">(" + std::string(1, kValue) + ")";
  mapped.select = select;
  return mapped;
}

// Dates and timestamps print according to DateStyle (and TimeZone): select them as seconds since
// the epoch instead, which no setting changes.
const std::string kEpoch = "extract(epoch FROM " + std::string(1, kValue) + ")::text";
// Intervals print according to IntervalStyle: select them as ISO 8601 with designators, built
// from the fields (months, days, seconds) so no setting changes it.
const std::string kIsoInterval = [] {
  const std::string v(1, kValue);
  return "('P' || (extract(year FROM " + v + ") * 12 + extract(month FROM " + v + "))::text || 'M' || extract(day FROM " +
         v + ")::text || 'DT' || (extract(hour FROM " + v + ") * 3600 + extract(minute FROM " + v +
         ") * 60 + extract(second FROM " + v + "))::text || 'S')";
}();

std::optional<CppType> builtin_type(const std::string& base) {
  if (base == "smallint") return builtin("std::int16_t", {"<cstdint>"});
  if (base == "integer") return builtin("std::int32_t", {"<cstdint>"});
  if (base == "bigint") return builtin("std::int64_t", {"<cstdint>"});
  if (base == "real") return builtin("float", {});
  if (base == "double precision") return builtin("double", {});
  if (base == "numeric") return builtin("::strata::Numeric", {kTypesHeader});
  if (base == "text" || base == "character varying" || base == "character" || base == "bpchar") {
    return builtin("std::string", {"<string>"});
  }
  if (base == "boolean") return builtin("bool", {});
  if (base == "bytea") return builtin("::strata::Bytes", {kTypesHeader});
  if (base == "uuid") return builtin("::strata::Uuid", {kTypesHeader});
  if (base == "date") return builtin("std::chrono::year_month_day", {"<chrono>"}, kEpoch);
  if (base == "timestamp without time zone") {
    return builtin("std::chrono::local_time<std::chrono::microseconds>", {"<chrono>"}, kEpoch);
  }
  if (base == "timestamp with time zone") {
    return builtin("std::chrono::sys_time<std::chrono::microseconds>", {"<chrono>"}, kEpoch);
  }
  if (base == "interval" || base.rfind("interval ", 0) == 0) return builtin("::strata::Interval", {kTypesHeader}, kIsoInterval);
  if (base == "json" || base == "jsonb") {
    auto mapped = builtin("nlohmann::json", {"<nlohmann/json.hpp>"});
    mapped.json = true;
    return mapped;
  }
  return std::nullopt;
}

std::string include_line(const std::string& include) {
  if (include.empty() || include.front() == '<' || include.front() == '"') return include;
  return "\"" + include + "\"";
}

}  // namespace

std::string substitute(const std::string& text_template, const std::string& value) {
  std::string out;
  for (const char c : text_template) {
    if (c == kValue) {
      out += value;
    } else {
      out += c;
    }
  }
  return out;
}

bool split_qualified_name(const std::string& text, std::string* schema, std::string* name) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        parts.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        parts.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == '.') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  if (quoted || parts.size() != 2 || parts[0].empty() || parts[1].empty()) return false;
  *schema = parts[0];
  *name = parts[1];
  return true;
}

std::string without_modifiers(const std::string& sql_type) {
  std::string out;
  int depth = 0;
  for (const char c : sql_type) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  // "timestamp(3) with time zone" -> "timestamp with time zone" (no double blank left behind)
  std::string collapsed;
  for (const char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

TypeMapper::TypeMapper(const model::Catalog& catalog, const TypeOverrides& overrides, std::map<std::string, EnumType> enums)
    : catalog_(catalog), overrides_(overrides), enums_(std::move(enums)) {}

CppType TypeMapper::map(const std::string& sql_type, const std::string& column) const {
  return map_element(sql_type, column, 0);
}

CppType TypeMapper::map_element(const std::string& sql_type, const std::string& column, int depth) const {
  const auto unmapped = [&](const std::string& why) {
    return CodegenError(column + ": " + why + "; map it in the --types file (docs/accessors.md, \"Type overrides\")");
  };
  if (depth > 16) throw unmapped("type " + sql_type + " nests too deeply");

  // Arrays: format_type prints one [] whatever the number of dimensions.
  if (sql_type.size() > 2 && sql_type.compare(sql_type.size() - 2, 2, "[]") == 0) {
    const std::string element_type = sql_type.substr(0, sql_type.size() - 2);
    const CppType element = map_element(element_type, column, depth + 1);
    if (element.type.rfind("std::vector<", 0) == 0) {
      throw unmapped("type " + sql_type + " is an array of arrays (a domain over an array), which has no mapping");
    }
    const std::string v(1, kValue);
    CppType array;
    array.type = "std::vector<std::optional<" + element.type + ">>";
    array.includes = element.includes;
    array.includes.insert("<optional>");
    array.includes.insert("<vector>");
    array.json = element.json;
    array.to_text = "::strata::accessors::array_to_text(" + v + ", [](const " + element.type +
                    "& element) { return " + substitute(element.to_text, "element") + "; })";
    array.from_text = "::strata::accessors::array_from_text<" + element.type + ">(" + v +
                      ", [](std::string_view element) { return " + substitute(element.from_text, "element") + "; })";
    array.select = element.select == v
                       ? v
                       : "CASE WHEN " + v + " IS NULL THEN NULL ELSE ARRAY(SELECT " +
                             substitute(element.select, "strata_element") + " FROM unnest(" + v +
                             ") WITH ORDINALITY AS strata_unnest(strata_element, strata_ordinal)"
                             " ORDER BY strata_ordinal) END";
    return array;
  }

  // Overrides win over everything else: the exact spelling first, then without modifiers.
  auto override_entry = overrides_.find(sql_type);
  if (override_entry == overrides_.end()) override_entry = overrides_.find(without_modifiers(sql_type));
  if (override_entry != overrides_.end()) {
    const TypeOverride& entry = override_entry->second;
    const std::string v(1, kValue);
    CppType mapped;
    mapped.type = entry.cpp;
    for (const auto& include : entry.includes) mapped.includes.insert(include_line(include));
    mapped.to_text = entry.to_text.empty() ? "::strata::accessors::to_text(" + v + ")" : entry.to_text + "(" + v + ")";
    mapped.from_text = entry.from_text.empty() ? "::strata::accessors::from_text<" + entry.cpp + ">(" + v + ")"
                                               : entry.from_text + "(" + v + ")";
    mapped.select = v;
    return mapped;
  }

  // User types: enums and domains.
  std::string schema, name;
  if (split_qualified_name(sql_type, &schema, &name)) {
    const model::Object* type = catalog_.find("type:" + schema + "." + name);
    if (type == nullptr) throw unmapped("type " + sql_type + " is not an enum or a domain of the schema");
    const std::string kind = type->attrs.value("type_kind", "");
    if (kind == "enum") {
      const auto it = enums_.find(type->key);
      if (it == enums_.end()) throw std::logic_error("enum " + type->key + " has no generated type");
      const std::string v(1, kValue);
      CppType mapped;
      mapped.type = it->second.cpp;
      mapped.includes.insert("\"" + it->second.header + "\"");
      mapped.to_text = "std::string(" + it->second.to_string + "(" + v + "))";
      mapped.from_text = it->second.from_string + "(" + v + ")";
      mapped.select = v;
      return mapped;
    }
    if (kind == "domain") {
      CppType base = map_element(type->attrs.value("base_type", ""), column + " (domain " + sql_type + ")", depth + 1);
      base.not_null = base.not_null || type->attrs.value("not_null", false);
      base.has_default = base.has_default || (type->attrs.contains("default") && !type->attrs["default"].is_null());
      return base;
    }
    throw unmapped("type " + sql_type + " (a " + kind + " type) has no C++ mapping");
  }

  if (auto mapped = builtin_type(without_modifiers(sql_type))) return *mapped;
  throw unmapped("type " + sql_type + " has no C++ mapping");
}

}  // namespace strata::codegen::detail
