// The user tables of a live database as the proof on data needs them, read from its catalogs, and
// the INSERT ... SELECT that makes rows for one: each value an SQL expression of the row number,
// of the column's own type (PostgreSQL casts it, and refuses what does not fit).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "strata/pg.h"

namespace strata::prove::detail {

struct LiveColumn {
  std::string name;
  unsigned type = 0;
  int typmod = -1;
  std::string type_sql;  // format_type(type, typmod)
  bool not_null = false;
  bool defaulted = false;  // a default, an identity or a generated column: left to the database
  bool overridable = false;  // a plain default (not a sequence's, an identity or generated): may be given
};

struct LiveForeignKey {
  std::string referenced;                       // schema.table, quoted
  std::vector<std::string> columns, referenced_columns;
};

struct LiveTable {
  std::string key;   // the model's key, "table:schema.name"
  std::string name;  // schema.name, quoted
  std::vector<LiveColumn> columns;
  std::vector<LiveForeignKey> foreign_keys;
  // A table partitioned on one column: the column, and a value each partition takes (a range's
  // lower bound, a list's first value), as SQL literals.
  std::string partition_column;
  std::vector<std::string> partition_values;
};

// Which columns an INSERT fills.
enum class Columns {
  Every,             // every column without a default (and foreign keys, from their parents)
  OverridingDefaults,// and the columns with a plain default: a retry for a UNIQUE column defaulting to ''
  SmallDomainValues, // every column, with domains' values kept small (0..4): a retry for CHECKs
  Required,          // the NOT NULL ones without a default; conflicts are errors (a probe)
};

class LiveTables {
 public:
  explicit LiveTables(const pg::Session& session);

  // Parents before the tables that reference them (a cycle is broken at its nullable keys).
  const std::vector<LiveTable>& tables() const { return tables_; }
  const LiveTable* find(const std::string& key) const;

  // INSERT INTO table ... SELECT rows numbered [first, last] ... ON CONFLICT DO NOTHING (for a
  // batch of several rows but Columns::Required). "" when a NOT NULL column's type has no
  // synthetic value, `why` says which.
  // `partition_value`, when given, is the partition column's value in every row.
  std::string insert(const LiveTable& table, long first, long last, Columns columns, std::string& why,
                     const std::string& partition_value = "") const;

 private:
  struct TypeInfo {
    std::string name;  // pg_type.typname
    std::string sql;   // format_type(oid, NULL)
    char type = 'b';   // typtype
    char category = 'X';
    unsigned element = 0, base = 0, subtype = 0;
    int base_typmod = -1;
    std::vector<std::pair<unsigned, int>> attributes;  // a composite type's (type, typmod)
  };
  // An expression of `n` of type `type`; "" when there is none.
  std::string value(unsigned type, int typmod, const std::string& n, int depth) const;
  std::string base_value(const TypeInfo& info, int typmod, const std::string& n) const;

  std::vector<LiveTable> tables_;
  std::map<unsigned, TypeInfo> types_;
};

}  // namespace strata::prove::detail
