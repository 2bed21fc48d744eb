// What the generator makes of the catalog before it writes any code: relations (tables, views)
// with their columns, keys and C++ names, enums with theirs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "type_mapping.h"

namespace strata::codegen::detail {

struct ColumnInfo {
  std::string sql_name;  // raw
  std::string field;     // C++ member name
  CppType type;
  bool nullable = true;
  bool has_default = false;  // a default, identity BY DEFAULT or a domain default: optional in Insert
  bool writable = true;      // not GENERATED ALWAYS (identity or stored generated column)
  std::string note;          // for the comment next to the member
};

struct KeyInfo {
  std::vector<std::size_t> columns;  // indexes into Relation::columns
  std::string function;              // find_by_email, list_by_org_id
  std::string source;                // the constraint or index it comes from (comment)
  std::string page_function{};       // list_by_org_id_page: a foreign key's, when the table has a primary key
};

struct Relation {
  const model::Object* object = nullptr;
  bool view = false;
  std::string description;  // "table public.users"
  std::string sql_name;     // quoted, qualified: public.users
  std::string scope;        // C++ namespace holding it: app::db
  std::string name;         // its namespace: users
  std::string header;       // app/db/users.h
  std::vector<ColumnInfo> columns;
  std::optional<KeyInfo> primary_key;
  std::vector<KeyInfo> unique_keys;
  std::vector<KeyInfo> foreign_keys;

  std::string qualified() const { return scope + "::" + name; }
  bool uses_json() const;
};

struct EnumInfo {
  const model::Object* object = nullptr;
  std::string scope;        // app::db
  std::string name;         // mood
  std::string from_string;  // mood_from_string
  std::string header;       // app/db/mood.h
  std::vector<std::string> labels;
  std::vector<std::string> enumerators;
};

struct Model {
  std::vector<Relation> relations;  // by key
  std::vector<EnumInfo> enums;      // by key
  std::map<std::string, EnumType> enum_types;  // by key: what the type mapper needs
};

// Throws CodegenError for a bad namespace or unmapped types (every one of them).
Model build_model(const model::Catalog& catalog, const Options& options);

// Reserved in every scope the generator fills: names generated code must reach unqualified.
const std::set<std::string>& base_reserved_names();

// The parts with `separator` between them.
std::string join(const std::vector<std::string>& parts, const std::string& separator);

// "app::db" -> "app/db"
std::string namespace_path(const std::string& cpp_namespace);

}  // namespace strata::codegen::detail
