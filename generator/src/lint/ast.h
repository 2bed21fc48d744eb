// Reading libpg_query's JSON parse tree: nodes, names, types and default expressions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::lint::ast {

using Json = nlohmann::json;

// A node in a list is wrapped as {"Kind": {...}}; typed fields hold the body directly.
std::string kind(const Json& node);         // "" when not a wrapped node
const Json& body(const Json& node);         // the {...} of a wrapped node
const Json& field(const Json& node, const char* name);  // null Json when absent
std::string text(const Json& node, const char* name);   // "" when absent
bool flag(const Json& node, const char* name);          // false when absent
const Json& list(const Json& node, const char* name);   // empty array when absent
// Byte offset of a node's "location", if it has one.
std::optional<std::size_t> location(const Json& node);

// [{"String": {"sval": "a"}}, ...] -> {"a", ...}
std::vector<std::string> strings(const Json& items);

// Relations are keyed "schema.name"; an unqualified name is taken to be in `public`
// (the default search_path).
std::string qualified(const std::string& schema, const std::string& name);
std::string relation_name(const Json& range_var);        // RangeVar -> "public.users"
std::string object_name(const std::vector<std::string>& names);  // ["s","t"] / ["t"] -> "s.t" / "public.t"
std::string display(const std::string& qualified_name);  // "public.users" -> "users"

// A column type as written, normalised: base name without pg_catalog (aliases resolved: int ->
// int4, character varying -> varchar, ...), type modifiers, array dimensions.
struct Type {
  std::string base;
  std::vector<long> modifiers;
  int array_dimensions = 0;
  std::string text() const;  // "varchar(100)", "numeric(10,2)", "int4[]"
  bool operator==(const Type& other) const = default;
};
Type type_of(const Json& type_name);  // a TypeName body

// Is this a column's `CHECK (col IS NOT NULL [AND ...])`: the columns it proves NOT NULL.
std::vector<std::string> not_null_columns(const Json& check_expression);

}  // namespace strata::lint::ast
