#include <cctype>
#include <string>
#include <string_view>

#include "strata/model.h"

namespace strata::model {
namespace {

// PostgreSQL's reserved and type/function-name keywords that force quoting (ScanKeywords with
// a category other than UNRESERVED_KEYWORD, as quote_ident() decides). Sorted for binary search.
constexpr std::string_view kKeywordsNeedingQuotes[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
    "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast",
    "char", "character", "check", "coalesce", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal",
    "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
    "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant",
    "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout",
    "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "json_array",
    "json_arrayagg", "json_object", "json_objectagg", "lateral", "leading", "least", "left",
    "like", "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none",
    "normalize", "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or",
    "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision",
    "primary", "real", "references", "returning", "right", "row", "select", "session_user",
    "setof", "similar", "smallint", "some", "substring", "symmetric", "system_user", "table",
    "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true",
    "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when",
    "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
    "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
};

bool is_keyword_needing_quotes(std::string_view word) {
  const auto* begin = std::begin(kKeywordsNeedingQuotes);
  const auto* end = std::end(kKeywordsNeedingQuotes);
  const auto* it = std::lower_bound(begin, end, word);
  return it != end && *it == word;
}

bool is_plain_identifier(const std::string& identifier) {
  if (identifier.empty()) return false;
  const auto first = static_cast<unsigned char>(identifier[0]);
  if (!(std::islower(first) || first == '_')) return false;
  for (unsigned char c : identifier) {
    if (!(std::islower(c) || std::isdigit(c) || c == '_')) return false;
  }
  return !is_keyword_needing_quotes(identifier);
}

}  // namespace

std::string quote_ident(const std::string& identifier) {
  if (is_plain_identifier(identifier)) return identifier;
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string qualified_name(const std::string& schema, const std::string& name) {
  if (schema.empty()) return quote_ident(name);
  return quote_ident(schema) + "." + quote_ident(name);
}

std::string quote_literal(const std::string& text) {
  // Standard-conforming strings are on in every supported PostgreSQL, so only quotes double;
  // backslashes are taken literally inside '...'.
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace strata::model
