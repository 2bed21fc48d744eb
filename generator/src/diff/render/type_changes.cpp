#include "type_changes.h"

#include <map>
#include <optional>
#include <vector>

namespace strata::diff {
namespace {

// "character varying(25)" -> {"character varying", {25}}; "numeric(10,2)" -> {"numeric", {10, 2}}.
struct ParsedType {
  std::string base;
  std::vector<long> modifiers;
};

std::optional<ParsedType> parse(const std::string& type) {
  const auto open = type.find('(');
  if (open == std::string::npos) return ParsedType{type, {}};
  if (type.back() != ')') return std::nullopt;  // "timestamp(3) without time zone" and the like
  ParsedType parsed{type.substr(0, open), {}};
  std::string inside = type.substr(open + 1, type.size() - open - 2);
  size_t start = 0;
  while (start <= inside.size()) {
    const auto comma = inside.find(',', start);
    const std::string part = inside.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    try {
      parsed.modifiers.push_back(std::stol(part));
    } catch (const std::exception&) {
      return std::nullopt;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return parsed;
}

int integer_width(const std::string& base) {
  static const std::map<std::string, int> widths{{"smallint", 2}, {"integer", 4}, {"bigint", 8}};
  auto it = widths.find(base);
  return it == widths.end() ? 0 : it->second;
}

bool is_string(const ParsedType& type) { return type.base == "text" || type.base == "character varying"; }

}  // namespace

bool is_lossless_type_change(const std::string& from_type, const std::string& to_type) {
  if (from_type == to_type) return true;
  const auto from = parse(from_type);
  const auto to = parse(to_type);
  if (!from || !to) return false;

  // smallint -> integer -> bigint -> numeric
  if (const int width = integer_width(from->base)) {
    if (integer_width(to->base) > width) return true;
    return to->base == "numeric" && to->modifiers.empty();
  }
  if (from->base == "real") return to->base == "double precision";
  // varchar(n) -> varchar(m >= n) / varchar / text, and text <-> varchar (binary coercible)
  if (is_string(*from) && is_string(*to)) {
    if (to->modifiers.empty()) return true;
    return !from->modifiers.empty() && to->modifiers[0] >= from->modifiers[0];
  }
  // numeric(p, s) -> numeric(q >= p, s) / numeric
  if (from->base == "numeric" && to->base == "numeric") {
    if (to->modifiers.empty()) return true;
    if (from->modifiers.empty()) return false;
    const long from_scale = from->modifiers.size() > 1 ? from->modifiers[1] : 0;
    const long to_scale = to->modifiers.size() > 1 ? to->modifiers[1] : 0;
    return from_scale == to_scale && to->modifiers[0] >= from->modifiers[0];
  }
  return false;
}

bool type_change_rewrites_table(const std::string& from_type, const std::string& to_type) {
  if (from_type == to_type) return false;
  const auto from = parse(from_type);
  const auto to = parse(to_type);
  if (!from || !to) return true;
  // Binary-coercible changes only check (or not even) the values: varchar/text, and numeric
  // with a wider precision and the same scale.
  if (is_string(*from) && is_string(*to)) return !is_lossless_type_change(from_type, to_type);
  if (from->base == "numeric" && to->base == "numeric") return !is_lossless_type_change(from_type, to_type);
  return true;
}

bool needs_explicit_cast(const std::string& from_type, const std::string& to_type) {
  const auto from = parse(from_type);
  const auto to = parse(to_type);
  if (!from || !to) return true;
  if (from->base == to->base) return false;
  const auto family = [](const std::string& base) {
    if (base == "text" || base == "character varying" || base == "character") return 1;
    if (base == "bit" || base == "bit varying") return 2;
    return 0;
  };
  return family(from->base) == 0 || family(from->base) != family(to->base);
}

std::string default_storage(const std::string& type) {
  if (type.ends_with("[]")) return "extended";
  const auto parsed = parse(type);
  const std::string base = parsed ? parsed->base : type;
  static const std::map<std::string, std::string> storage{
      {"smallint", "plain"}, {"integer", "plain"}, {"bigint", "plain"}, {"real", "plain"},
      {"double precision", "plain"}, {"boolean", "plain"}, {"date", "plain"}, {"uuid", "plain"},
      {"timestamp without time zone", "plain"}, {"timestamp with time zone", "plain"},
      {"time without time zone", "plain"}, {"interval", "plain"}, {"money", "plain"},
      {"numeric", "main"}, {"inet", "main"}, {"cidr", "main"},
      {"text", "extended"}, {"character varying", "extended"}, {"character", "extended"},
      {"bytea", "extended"}, {"json", "extended"}, {"jsonb", "extended"}, {"xml", "extended"},
      {"tsvector", "extended"},
  };
  auto it = storage.find(base);
  return it == storage.end() ? "" : it->second;
}

}  // namespace strata::diff
