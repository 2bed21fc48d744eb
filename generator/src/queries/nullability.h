// Which result columns of a query are provably never NULL, from PostgreSQL's parse tree
// (libpg_query) and what the server said about each column (docs/queries.md, "Nullability").
//
// A column is non-optional only when it is:
// - a column reference to a NOT NULL table column (PostgreSQL's own resolution: the column's
//   table and number from the statement's description) that no outer join can null: the
//   relation is not on the nullable side of a LEFT/RIGHT/FULL join anywhere in the query, and
//   the query has no set operation (UNION ...) or grouping sets (ROLLUP, CUBE) that could add
//   NULL rows;
// - count(...), EXISTS (...), IS [NOT] NULL / IS [NOT] TRUE tests, a non-NULL literal,
//   CURRENT_TIMESTAMP and the like;
// - a cast of, COALESCE with, or a CASE whose every branch is, one of these.
// Everything else (other aggregates, functions, operators, parameters, subqueries) may be NULL.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::queries::detail {

// A described result column's origin (libpq's PQftable / PQftablecol): 0 when it is not a
// plain column of a table.
struct FieldOrigin {
  unsigned table = 0;
  int column = 0;
};

// Columns of the relations a query names, looked up on the server.
struct RelationInfo {
  unsigned oid = 0;
  std::map<std::string, bool> not_null_by_name;
};
struct CatalogFacts {
  std::map<std::string, RelationInfo> relations;             // by the name as written: "books", "app.books"
  std::map<std::pair<unsigned, int>, bool> not_null_by_origin;  // (table, column) -> attnotnull
};

class Nullability {
 public:
  // Parses `sql` (a query as sent: $n parameters). Throws strata::Error when it does not parse.
  explicit Nullability(const std::string& sql);
  // The relations named anywhere in the query (CTE names aside), as written, to look up.
  const std::set<std::string>& relation_names() const { return relation_names_; }
  // One flag per result column: provably never NULL.
  std::vector<bool> not_null(const std::vector<FieldOrigin>& fields, const CatalogFacts& facts) const;

 private:
  struct FromItem {
    std::string relation;  // as written; "" for a subquery, function, CTE or join alias
    bool nullable = false; // on the nullable side of an outer join
  };
  void walk(const nlohmann::json& node, bool nullable);
  void collect_from(const nlohmann::json& item, bool nullable);
  bool expression_not_null(const nlohmann::json& node, const CatalogFacts& facts) const;
  bool column_not_null(const nlohmann::json& column_ref, const FieldOrigin* origin, const CatalogFacts& facts) const;

  nlohmann::json statement_;        // SelectStmt, InsertStmt, UpdateStmt or DeleteStmt body
  std::string statement_kind_;
  std::vector<nlohmann::json> targets_;  // the result list's ResTarget bodies
  std::map<std::string, FromItem> from_;  // top level FROM (and DML target): alias or name -> item
  std::set<std::string> relation_names_;
  std::set<std::string> cte_names_;
  std::set<std::string> nullable_relations_;  // named on a nullable side anywhere
  bool set_operation_ = false;
  bool grouping_sets_ = false;
};

}  // namespace strata::queries::detail
