#include "nullability.h"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "strata/error.h"
#include "strata/pg.h"

namespace strata::queries::detail {
namespace {

using Json = nlohmann::json;

// A node in a list is wrapped as {"Kind": {...}}.
std::string kind(const Json& node) {
  return node.is_object() && node.size() == 1 && std::isupper(static_cast<unsigned char>(node.begin().key()[0]))
             ? node.begin().key()
             : "";
}
const Json& body(const Json& node) { return kind(node).empty() ? node : node.begin().value(); }
const Json& member(const Json& node, const char* name) {
  static const Json none;
  if (!node.is_object()) return none;
  const auto it = node.find(name);
  return it == node.end() ? none : *it;
}
std::string text(const Json& node, const char* name) {
  const auto& value = member(node, name);
  return value.is_string() ? value.get<std::string>() : "";
}

// RangeVar -> its name as the lookup key: "books" or "app"."books", quoted.
std::string relation_key(const Json& range_var) {
  const auto schema = text(range_var, "schemaname");
  const auto name = pg::identifier(text(range_var, "relname"));
  return schema.empty() ? name : pg::identifier(schema) + "." + name;
}

// ColumnRef -> its names; a trailing * as "*".
std::vector<std::string> column_names(const Json& column_ref) {
  std::vector<std::string> names;
  for (const auto& item : member(column_ref, "fields")) {
    names.push_back(kind(item) == "A_Star" ? "*" : text(body(item), "sval"));
  }
  return names;
}

}  // namespace

Nullability::Nullability(const std::string& sql) {
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  if (result.error) {
    const std::string message = result.error->message;
    pg_query_free_parse_result(result);
    throw Error("cannot parse the query: " + message);
  }
  const auto tree = Json::parse(result.parse_tree);
  pg_query_free_parse_result(result);
  const auto& statements = member(tree, "stmts");
  if (!statements.is_array() || statements.size() != 1) throw Error("a query must be one statement");
  const auto& wrapped = member(statements[0], "stmt");
  statement_kind_ = kind(wrapped);
  statement_ = body(wrapped);

  walk(statement_, false);
  if (statement_kind_ == "SelectStmt") {
    for (const auto& item : member(statement_, "fromClause")) collect_from(item, false);
    for (const auto& target : member(statement_, "targetList")) targets_.push_back(body(target));
  } else if (statement_kind_ == "InsertStmt" || statement_kind_ == "UpdateStmt" || statement_kind_ == "DeleteStmt") {
    const auto& relation = member(statement_, "relation");
    const auto alias = text(member(relation, "alias"), "aliasname");
    from_[alias.empty() ? text(relation, "relname") : alias] = FromItem{relation_key(relation), false};
    for (const auto* list : {"fromClause", "usingClause"}) {
      for (const auto& item : member(statement_, list)) collect_from(item, false);
    }
    for (const auto& target : member(statement_, "returningList")) targets_.push_back(body(target));
  }
}

// The whole tree: relations named, CTE names, what stands on the nullable side of an outer join,
// set operations and grouping sets.
void Nullability::walk(const Json& node, bool nullable) {
  if (node.is_array()) {
    for (const auto& item : node) walk(item, nullable);
    return;
  }
  if (!node.is_object()) return;
  const auto node_kind = kind(node);
  const auto& content = body(node);
  if (node_kind == "RangeVar") {
    const auto key = relation_key(content);
    if (text(content, "schemaname").empty() && cte_names_.count(text(content, "relname"))) return;
    relation_names_.insert(key);
    if (nullable) nullable_relations_.insert(key);
    return;
  }
  if (node_kind == "CommonTableExpr") cte_names_.insert(text(content, "ctename"));
  if (node_kind == "GroupingSet") grouping_sets_ = true;
  if (node_kind == "JoinExpr") {
    const auto type = text(content, "jointype");
    walk(member(content, "larg"), nullable || type == "JOIN_RIGHT" || type == "JOIN_FULL");
    walk(member(content, "rarg"), nullable || type == "JOIN_LEFT" || type == "JOIN_FULL");
    walk(member(content, "quals"), nullable);
    return;
  }
  if (const auto op = text(content, "op"); !op.empty() && op != "SETOP_NONE" && member(content, "larg").is_object()) {
    set_operation_ = true;
  }
  // CTEs first: a relation of the same name after them is the CTE.
  if (content.is_object() && content.contains("withClause")) walk(content["withClause"], nullable);
  for (const auto& [key, value] : content.items()) {
    if (key != "withClause") walk(value, nullable);
  }
}

void Nullability::collect_from(const Json& item, bool nullable) {
  const auto item_kind = kind(item);
  const auto& content = body(item);
  const auto alias = text(member(content, "alias"), "aliasname");
  if (item_kind == "RangeVar") {
    const bool cte = text(content, "schemaname").empty() && cte_names_.count(text(content, "relname"));
    from_[alias.empty() ? text(content, "relname") : alias] = FromItem{cte ? "" : relation_key(content), nullable};
  } else if (item_kind == "JoinExpr") {
    const auto type = text(content, "jointype");
    collect_from(member(content, "larg"), nullable || type == "JOIN_RIGHT" || type == "JOIN_FULL");
    collect_from(member(content, "rarg"), nullable || type == "JOIN_LEFT" || type == "JOIN_FULL");
    if (!alias.empty()) from_[alias] = FromItem{"", nullable};
  } else if (!alias.empty()) {
    from_[alias] = FromItem{"", nullable};  // a subquery or function: its columns are not known here
  }
}

bool Nullability::column_not_null(const Json& column_ref, const FieldOrigin* origin, const CatalogFacts& facts) const {
  if (set_operation_ || grouping_sets_) return false;
  const auto names = column_names(column_ref);
  if (names.empty() || names.back() == "*") return false;
  const std::string qualifier = names.size() >= 2 ? names[names.size() - 2] : "";
  const FromItem* item = nullptr;
  if (!qualifier.empty()) {
    const auto it = from_.find(qualifier);
    if (it != from_.end()) item = &it->second;
    if (item != nullptr && item->nullable) return false;
  }
  if (origin != nullptr && origin->table != 0) {
    // PostgreSQL resolved it to a table column (through subqueries and CTEs too).
    const auto found = facts.not_null_by_origin.find({origin->table, origin->column});
    if (found == facts.not_null_by_origin.end() || !found->second) return false;
    if (item != nullptr && !item->relation.empty()) return true;  // that very relation, not nullable
    for (const auto& name : nullable_relations_) {
      const auto relation = facts.relations.find(name);
      if (relation == facts.relations.end() || relation->second.oid == origin->table) return false;
    }
    return true;
  }
  // Inside an expression: resolve the name against the FROM list.
  const auto not_null_in = [&](const FromItem& candidate) -> std::optional<bool> {
    const auto relation = facts.relations.find(candidate.relation);
    if (candidate.relation.empty() || relation == facts.relations.end()) return std::nullopt;
    const auto column = relation->second.not_null_by_name.find(names.back());
    if (column == relation->second.not_null_by_name.end()) return std::nullopt;
    return column->second && !candidate.nullable;
  };
  if (item != nullptr) return not_null_in(*item).value_or(false);
  if (!qualifier.empty()) return false;
  std::optional<bool> only;
  int candidates = 0;
  for (const auto& [alias, candidate] : from_) {
    if (const auto found = not_null_in(candidate)) only = found, ++candidates;
    else if (candidate.relation.empty()) return false;  // a subquery might have the column too
  }
  return candidates == 1 && *only;
}

bool Nullability::expression_not_null(const Json& node, const CatalogFacts& facts) const {
  const auto node_kind = kind(node);
  const auto& content = body(node);
  if (node_kind == "A_Const") return !member(content, "isnull").is_boolean() || !content["isnull"].get<bool>();
  if (node_kind == "ColumnRef") return column_not_null(content, nullptr, facts);
  if (node_kind == "TypeCast") return expression_not_null(member(content, "arg"), facts);
  if (node_kind == "NullTest" || node_kind == "BooleanTest" || node_kind == "SQLValueFunction") return true;
  if (node_kind == "SubLink") return text(content, "subLinkType") == "EXISTS_SUBLINK";
  if (node_kind == "FuncCall") {
    const auto& names = member(content, "funcname");
    const auto name = names.is_array() && !names.empty() ? text(body(names.back()), "sval") : "";
    return name == "count" && (names.size() == 1 || text(body(names[0]), "sval") == "pg_catalog");
  }
  if (node_kind == "CoalesceExpr") {
    for (const auto& argument : member(content, "args")) {
      if (expression_not_null(argument, facts)) return true;
    }
    return false;
  }
  if (node_kind == "CaseExpr") {
    if (!member(content, "defresult").is_object() || !expression_not_null(content["defresult"], facts)) return false;
    for (const auto& when : member(content, "args")) {
      if (!expression_not_null(member(body(when), "result"), facts)) return false;
    }
    return true;
  }
  return false;
}

std::vector<bool> Nullability::not_null(const std::vector<FieldOrigin>& fields, const CatalogFacts& facts) const {
  const auto is_star = [](const Json& target) {
    const auto& value = member(target, "val");
    return kind(value) == "ColumnRef" && column_names(body(value)).back() == "*";
  };
  const auto stars = std::count_if(targets_.begin(), targets_.end(), is_star);
  // A column of a star (or of any target, when there are several stars and the targets cannot
  // be matched with the fields): a plain column when PostgreSQL gives its origin, judged by that
  // origin alone.
  const Json unqualified = Json{{"fields", Json::array({Json{{"String", {{"sval", "?"}}}}})}};
  const auto by_origin = [&](const FieldOrigin& origin) {
    return origin.table != 0 && column_not_null(unqualified, &origin, facts);
  };
  std::vector<bool> out;
  if (stars > 1) {
    for (const auto& origin : fields) out.push_back(by_origin(origin));
    return out;
  }
  for (const auto& target : targets_) {
    if (is_star(target)) {
      // As many fields as are left after the other targets.
      const auto others = targets_.size() - 1;
      const auto width = fields.size() >= out.size() + others ? fields.size() - out.size() - others : 0;
      for (std::size_t i = 0; i < width; ++i) out.push_back(by_origin(fields[out.size()]));
      continue;
    }
    if (out.size() >= fields.size()) break;
    const auto& value = member(target, "val");
    const auto& origin = fields[out.size()];
    out.push_back(kind(value) == "ColumnRef" ? column_not_null(body(value), &origin, facts)
                                             : expression_not_null(value, facts));
  }
  out.resize(fields.size(), false);
  return out;
}

}  // namespace strata::queries::detail
