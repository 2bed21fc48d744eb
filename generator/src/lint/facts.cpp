#include "facts.h"

#include <set>

namespace strata::lint {
namespace {

using namespace ast;

// Volatile built-ins (and the usual extensions') that end up in defaults. PostgreSQL 11+ stores a
// non-volatile default once (the "fast default"); a volatile one is evaluated for every row.
const std::set<std::string>& volatile_functions() {
  static const std::set<std::string> names{
      "random", "random_normal", "setseed", "clock_timestamp", "timeofday", "gen_random_uuid", "uuidv4", "uuidv7",
      "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "gen_random_bytes", "gen_salt", "nextval",
      "currval", "lastval", "setval", "txid_current", "txid_current_if_assigned", "pg_current_xact_id",
      "pg_current_xact_id_if_assigned", "pg_sleep", "dblink", "lo_import", "lo_create", "nanoid",
  };
  return names;
}

// Stable or immutable built-ins common in defaults: no rewrite. now() and current_timestamp are
// stable: one value for the whole statement, stored once.
const std::set<std::string>& non_volatile_functions() {
  static const std::set<std::string> names{
      "now", "transaction_timestamp", "statement_timestamp", "current_setting", "timezone", "date_trunc",
      "date_part", "extract", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval",
      "to_timestamp", "to_date", "to_char", "to_number", "age", "lower", "upper", "initcap", "btrim", "ltrim",
      "rtrim", "trim", "substring", "substr", "replace", "concat", "concat_ws", "format", "length", "char_length",
      "left", "right", "lpad", "rpad", "repeat", "split_part", "strpos", "position", "regexp_replace", "md5",
      "sha256", "encode", "decode", "abs", "round", "floor", "ceil", "ceiling", "trunc", "greatest", "least",
      "jsonb_build_object", "jsonb_build_array", "json_build_object", "json_build_array", "to_json", "to_jsonb",
      "jsonb_set", "array_fill", "array_length", "cardinality", "array_to_string", "string_to_array",
      "int2", "int4", "int8", "float4", "float8", "numeric", "text", "bool", "date", "timestamp", "timestamptz",
      "interval", "inet", "uuid_nil", "uuid_ns_dns", "uuid_ns_url", "uuid_generate_v3", "uuid_generate_v5",
      "current_database", "current_schema", "current_user", "session_user", "pg_backend_pid", "inet_client_addr",
  };
  return names;
}

void walk(const Json& node, const History& history, DefaultVolatility& result) {
  if (node.is_array()) {
    for (const auto& item : node) walk(item, history, result);
    return;
  }
  if (!node.is_object()) return;
  if (node.size() == 1 && (node.begin().key() == "FuncCall" || node.begin().key() == "SubLink")) {
    const auto& call = node.begin().value();
    Volatility volatility = Volatility::Unknown;
    std::string name = "a subquery";
    if (node.begin().key() == "FuncCall") {
      const auto names = strings(list(call, "funcname"));
      name = names.empty() ? "" : names.back();
      if (volatile_functions().count(name)) volatility = Volatility::Volatile;
      else if (auto it = history.function_volatility.find(name); it != history.function_volatility.end())
        volatility = it->second == 'v' ? Volatility::Volatile : Volatility::Stable;
      else if (non_volatile_functions().count(name)) volatility = Volatility::Stable;
      name += "()";
    }
    if (volatility == Volatility::Volatile ||
        (volatility == Volatility::Unknown && result.volatility == Volatility::Stable)) {
      if (result.volatility != Volatility::Volatile) {
        result.volatility = volatility;
        result.function = name;
        result.location = ast::location(node);
      }
    }
  }
  for (const auto& [key, value] : node.items()) walk(value, history, result);
}

bool widens(const Type& from, const Type& to) {
  if (to.modifiers.empty()) return true;     // no limit any more
  if (from.modifiers.empty()) return false;  // a new limit: every row has to be checked
  return to.modifiers[0] >= from.modifiers[0];
}

}  // namespace

DefaultVolatility default_volatility(const Json& expression, const History& history) {
  DefaultVolatility result;
  walk(expression, history, result);
  return result;
}

bool type_change_is_metadata_only(const Type& from, const Type& to) {
  if (from.array_dimensions != to.array_dimensions) return false;
  if (from == to) return true;
  const auto& a = from.base;
  const auto& b = to.base;
  if (a == "varchar" && b == "varchar") return widens(from, to);
  if (a == "varchar" && b == "text") return true;
  if (a == "text" && b == "varchar") return to.modifiers.empty();
  if (a == "varbit" && b == "varbit") return widens(from, to);
  if (a == "cidr" && b == "inet") return true;
  if (a == "numeric" && b == "numeric") {
    if (to.modifiers.empty()) return true;
    if (from.modifiers.empty()) return false;
    const long from_scale = from.modifiers.size() > 1 ? from.modifiers[1] : 0;
    const long to_scale = to.modifiers.size() > 1 ? to.modifiers[1] : 0;
    return from_scale == to_scale && to.modifiers[0] >= from.modifiers[0];
  }
  if (a == b && (a == "timestamp" || a == "timestamptz" || a == "time" || a == "timetz")) return widens(from, to);
  return false;
}

}  // namespace strata::lint
