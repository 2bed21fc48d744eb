// What lint remembers while it reads the migrations in order: the objects earlier statements
// created (History, across files) and what the current file did so far (FileState).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ast.h"

namespace strata::lint {

struct ColumnInfo {
  ast::Type type;
  bool not_null = false;
};

struct ConstraintInfo {
  std::string type;  // "check", "foreign", "unique", "primary", "exclusion"
  bool validated = true;
  std::vector<std::string> not_null_columns;  // a CHECK (col IS NOT NULL ...) proves these
};

struct TableInfo {
  bool partitioned = false;
  bool columns_known = true;  // false for CREATE TABLE ... PARTITION OF / LIKE / AS
  std::map<std::string, ColumnInfo> columns;
  std::map<std::string, ConstraintInfo> constraints;

  bool has_validated_not_null_check(const std::string& column) const;
};

// Everything the linted migrations created so far, as a database built from them would hold it.
struct History {
  std::map<std::string, TableInfo> tables;                    // "schema.table"
  std::map<std::string, std::string> index_table;             // "schema.index" -> "schema.table"
  std::map<std::string, std::vector<std::string>> enums;      // "schema.type" -> labels
  std::map<std::string, char> function_volatility;            // "name" -> 'v' / 's' / 'i'

  const TableInfo* table(const std::string& name) const;
  const ColumnInfo* column(const std::string& table, const std::string& column) const;
};

// An enum type that this file dropped or renamed away: a CREATE TYPE of the same name later in
// the file recreates it, and the labels it had then matter.
struct ReplacedEnum {
  std::optional<std::vector<std::string>> labels;  // unknown when created outside the history
};

struct FileState {
  std::set<std::string> created_tables;   // new: created earlier in this file
  std::set<std::string> created_indexes;
  std::set<std::string> created_schemas;
  std::set<std::pair<std::string, std::string>> added_not_valid;  // (table, constraint) NOT VALID in this file
  std::map<std::string, ReplacedEnum> replaced_enums;
  bool lock_timeout_set = false;
  bool other_runner = false;  // Options::assume_runner: nobody else sets a lock_timeout
  bool lock_timeout_reported = false;
};

}  // namespace strata::lint
