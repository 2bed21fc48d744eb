#include "relations.h"
#include "strata/queries.h"

#include <algorithm>
#include <map>

namespace strata::codegen::detail {
namespace {

using model::Kind;
using model::Object;

// Names at the root of the generated namespace that are not tables, views or enums.
const std::set<std::string> kRootNames = {"schema", "migrations", "schema_version", "require_current"};
// Members and functions of a table's namespace.
const std::set<std::string> kRelationNames = {"Row",    "Insert", "insert",   "insert_many", "find",
                                              "update", "remove", "list_all", "list_page",   "sql_name"};

std::vector<std::string> split_namespace(const std::string& cpp_namespace) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = cpp_namespace.find("::", start);
    parts.push_back(cpp_namespace.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 2;
  }
  return parts;
}

std::vector<std::string> json_strings(const nlohmann::json& value) {
  std::vector<std::string> out;
  if (!value.is_array()) return out;
  for (const auto& item : value) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

// A schema's C++ scope: the root namespace for public, a nested namespace for the others.
struct Scope {
  std::string cpp;        // app::db or app::db::audit
  std::string directory;  // app/db or app/db/audit
};

struct Pending {
  const Object* object;
  bool is_enum;
};

}  // namespace

bool Relation::uses_json() const {
  return std::any_of(columns.begin(), columns.end(), [](const ColumnInfo& column) { return column.type.json; });
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

const std::set<std::string>& base_reserved_names() {
  static const std::set<std::string> names = {"std", "strata", "pqxx", "nlohmann", "to_string"};
  return names;
}

std::string namespace_path(const std::string& cpp_namespace) {
  return join(split_namespace(cpp_namespace), "/");
}

Model build_model(const model::Catalog& catalog, const Options& options) {
  for (const auto& part : split_namespace(options.cpp_namespace)) {
    if (part.empty() || mangle(part) != part || base_reserved_names().count(part)) {
      throw CodegenError("namespace '" + options.cpp_namespace + "': '" + part +
                         "' is not a usable C++ identifier (nor one of std, strata, pqxx, nlohmann)");
    }
  }
  if (options.shards < 1 || options.shards > kMaxShards) {
    throw CodegenError("--shards must be between 1 and " + std::to_string(kMaxShards));
  }

  // What gets code: tables (not partitions: their rows go through the partitioned table), views,
  // materialized views, enums. By schema, in key order.
  std::map<std::string, std::vector<Pending>> by_schema;
  for (const auto& [key, object] : catalog.objects) {
    const bool table = object.kind == Kind::Table && object.attrs.value("partition_of", nlohmann::json()).is_null();
    const bool view = object.kind == Kind::View || object.kind == Kind::MaterializedView;
    const bool enumeration = object.kind == Kind::Type && object.attrs.value("type_kind", "") == "enum";
    if (table || view || enumeration) by_schema[object.schema].push_back({&object, enumeration});
  }

  // Names of the root scope: public's objects, then the other schemas' namespaces.
  std::map<std::string, Scope> scopes;
  const Scope root{options.cpp_namespace, namespace_path(options.cpp_namespace)};
  std::set<std::string> root_reserved = base_reserved_names();
  root_reserved.insert(kRootNames.begin(), kRootNames.end());
  std::vector<std::string> root_names;
  std::vector<std::string> other_schemas;
  if (by_schema.count("public")) {
    for (const auto& pending : by_schema["public"]) root_names.push_back(pending.object->name);
  }
  for (const auto& [schema, objects] : by_schema) {
    if (schema != "public") other_schemas.push_back(schema);
  }
  const std::size_t public_count = root_names.size();
  root_names.insert(root_names.end(), other_schemas.begin(), other_schemas.end());
  const auto root_identifiers = assign_names(root_names, root_reserved);
  std::map<std::string, std::vector<std::string>> identifiers;  // schema -> one per pending object
  identifiers["public"].assign(root_identifiers.begin(), root_identifiers.begin() + static_cast<long>(public_count));
  scopes["public"] = root;
  std::set<std::string> root_taken(root_identifiers.begin(), root_identifiers.end());
  root_taken.insert(root_reserved.begin(), root_reserved.end());
  for (std::size_t i = 0; i < other_schemas.size(); ++i) {
    const std::string& name = root_identifiers[public_count + i];
    scopes[other_schemas[i]] = Scope{root.cpp + "::" + name, root.directory + "/" + name};
    std::vector<std::string> names;
    for (const auto& pending : by_schema[other_schemas[i]]) names.push_back(pending.object->name);
    std::set<std::string> reserved = base_reserved_names();
    identifiers[other_schemas[i]] = assign_names(names, reserved);
  }

  Model result;
  std::map<std::string, EnumType> enum_types;

  // Header file names: the identifier, unless another file of the directory differs from it only
  // in case (Users.h next to users.h cannot both exist on a case-insensitive file system).
  std::map<std::string, std::set<std::string>> stems_taken;  // directory -> lowercase stems
  const auto lowercase = [](std::string text) {
    for (auto& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return text;
  };
  stems_taken[root.directory] = {"schema", "migrations"};
  const auto header_path = [&](const std::string& directory, const std::string& name) {
    auto& taken = stems_taken[directory];
    std::string stem = name;
    for (int n = 2; taken.count(lowercase(stem)); ++n) stem = name + "_" + std::to_string(n);
    taken.insert(lowercase(stem));
    return directory + "/" + stem + ".h";
  };

  // Enums first: the type mapper needs their C++ names.
  for (const auto& [schema, objects] : by_schema) {
    const Scope& scope = scopes.at(schema);
    std::set<std::string> taken(identifiers[schema].begin(), identifiers[schema].end());
    if (schema == "public") taken = root_taken;
    taken.insert(base_reserved_names().begin(), base_reserved_names().end());
    for (std::size_t i = 0; i < objects.size(); ++i) {
      if (!objects[i].is_enum) continue;
      const Object& object = *objects[i].object;
      EnumInfo info;
      info.object = &object;
      info.scope = scope.cpp;
      info.name = identifiers[schema][i];
      info.header = header_path(scope.directory, info.name);
      info.from_string = info.name + "_from_string";
      for (int n = 2; taken.count(info.from_string); ++n) info.from_string = info.name + "_from_string_" + std::to_string(n);
      taken.insert(info.from_string);
      info.labels = json_strings(object.attrs.value("labels", nlohmann::json::array()));
      info.enumerators = assign_names(info.labels, base_reserved_names());
      enum_types[object.key] = EnumType{"::" + info.scope + "::" + info.name, "::" + info.scope + "::to_string",
                                        "::" + info.scope + "::" + info.from_string, info.header};
      result.enums.push_back(std::move(info));
    }
  }

  result.enum_types = enum_types;
  const TypeMapper mapper(catalog, options.overrides, enum_types);
  std::vector<std::string> unmapped;

  // Children of each table: columns, defaults, constraints, indexes.
  std::map<std::string, std::vector<const Object*>> children;
  for (const auto& [key, object] : catalog.objects) {
    if (!object.parent.empty()) children[object.parent].push_back(&object);
  }

  for (const auto& [schema, objects] : by_schema) {
    const Scope& scope = scopes.at(schema);
    for (std::size_t i = 0; i < objects.size(); ++i) {
      if (objects[i].is_enum) continue;
      const Object& object = *objects[i].object;
      Relation relation;
      relation.object = &object;
      relation.view = object.kind != Kind::Table;
      relation.description = std::string(object.kind == Kind::Table ? "table" : object.kind == Kind::View ? "view" : "materialized view") +
                             " " + object.schema + "." + object.name;
      relation.sql_name = model::qualified_name(object.schema, object.name);
      relation.scope = scope.cpp;
      relation.name = identifiers[schema][i];
      relation.header = header_path(scope.directory, relation.name);

      // Columns with their SQL facts.
      struct SqlColumn {
        std::string name, type;
        bool nullable = true, has_default = false, writable = true;
        std::string note;
      };
      std::vector<SqlColumn> sql_columns;
      if (relation.view) {
        const auto view_columns = object.attrs.value("columns", nlohmann::json::array());
        // A view column is NOT NULL when the typed queries' inference proves it from the view's
        // definition (docs/queries.md, "Nullability"); every other one is std::optional.
        const auto not_null = queries::view_columns_not_null(object.attrs.value("definition", ""), view_columns.size(), catalog);
        for (const auto& column : view_columns) {
          SqlColumn c;
          c.name = column.value("name", "");
          c.type = column.value("type", "");
          c.nullable = !not_null[sql_columns.size()];
          c.writable = false;
          c.note = c.type + (c.nullable ? "" : " NOT NULL (proven from the view's definition)");
          sql_columns.push_back(std::move(c));
        }
      } else {
        std::vector<const Object*> columns;
        std::set<std::string> defaults;
        for (const Object* child : children[object.key]) {
          if (child->kind == Kind::Column) columns.push_back(child);
          if (child->kind == Kind::Default) defaults.insert(child->name);
        }
        std::sort(columns.begin(), columns.end(), [](const Object* a, const Object* b) {
          return a->attrs.value("position", 0) < b->attrs.value("position", 0);
        });
        for (const Object* column : columns) {
          SqlColumn c;
          c.name = column->name;
          c.type = column->attrs.value("type", "");
          c.nullable = !column->attrs.value("not_null", false);
          const auto identity = column->attrs.value("identity", nlohmann::json());
          const bool generated = !column->attrs.value("generated", nlohmann::json()).is_null();
          c.writable = !generated && identity != "always";
          c.has_default = defaults.count(column->name) > 0 || identity == "by default";
          c.note = c.type + (c.nullable ? "" : " NOT NULL");
          if (identity.is_string()) c.note += identity == "always" ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
          if (generated) c.note += " GENERATED ALWAYS AS (...) STORED";
          if (defaults.count(column->name)) c.note += " DEFAULT";
          sql_columns.push_back(std::move(c));
        }
      }

      // A relation without columns has no row to speak of (and SQL has no empty RETURNING).
      if (sql_columns.empty()) continue;

      std::vector<std::string> names;
      for (const auto& c : sql_columns) names.push_back(c.name);
      std::set<std::string> field_reserved = base_reserved_names();
      field_reserved.insert({"Row", "Insert"});
      const auto fields = assign_names(names, field_reserved);
      for (std::size_t c = 0; c < sql_columns.size(); ++c) {
        ColumnInfo column;
        column.sql_name = sql_columns[c].name;
        column.field = fields[c];
        column.nullable = sql_columns[c].nullable;
        column.has_default = sql_columns[c].has_default;
        column.writable = sql_columns[c].writable;
        column.note = sql_columns[c].note;
        try {
          column.type = mapper.map(sql_columns[c].type,
                                   "column " + object.schema + "." + object.name + "." + sql_columns[c].name);
        } catch (const CodegenError& error) {
          unmapped.push_back(error.what());
          continue;
        }
        if (!relation.view && column.type.not_null) column.nullable = false;
        if (!relation.view && column.type.has_default) column.has_default = true;
        relation.columns.push_back(std::move(column));
      }
      if (relation.columns.size() != sql_columns.size()) continue;  // reported below

      // Keys: the primary key, unique constraints and unique indexes on plain columns (no
      // predicate, no expressions), foreign keys. One function per distinct column list.
      const auto column_indexes = [&](const std::vector<std::string>& key_names) -> std::optional<std::vector<std::size_t>> {
        std::vector<std::size_t> indexes;
        for (const auto& name : key_names) {
          const auto it = std::find_if(relation.columns.begin(), relation.columns.end(),
                                       [&](const ColumnInfo& column) { return column.sql_name == name; });
          if (it == relation.columns.end()) return std::nullopt;
          indexes.push_back(static_cast<std::size_t>(it - relation.columns.begin()));
        }
        if (indexes.empty()) return std::nullopt;
        return indexes;
      };
      std::vector<std::pair<std::vector<std::size_t>, std::string>> unique_keys, foreign_keys;
      for (const Object* child : children[object.key]) {
        if (child->kind == Kind::Constraint) {
          const std::string type = child->attrs.value("type", "");
          const auto columns = column_indexes(json_strings(child->attrs.value("columns", nlohmann::json())));
          if (!columns) continue;
          if (type == "p") relation.primary_key = KeyInfo{*columns, "find", child->name};
          if (type == "u") unique_keys.emplace_back(*columns, child->name);
          if (type == "f") foreign_keys.emplace_back(*columns, child->name);
        } else if (child->kind == Kind::Index && child->attrs.value("unique", false) &&
                   !child->attrs.value("partial", false)) {
          if (const auto columns = column_indexes(json_strings(child->attrs.value("columns", nlohmann::json())))) {
            unique_keys.emplace_back(*columns, child->name);
          }
        }
      }
      // Function names, unique within the table's namespace.
      std::vector<std::string> function_names;
      std::set<std::vector<std::size_t>> seen_unique;
      if (relation.primary_key) seen_unique.insert(relation.primary_key->columns);
      const auto key_suffix = [&](const std::vector<std::size_t>& columns) {
        std::vector<std::string> parts;
        for (const auto index : columns) parts.push_back(relation.columns[index].field);
        return join(parts, "_and_");
      };
      for (const auto& [columns, source] : unique_keys) {
        if (!seen_unique.insert(columns).second) continue;
        relation.unique_keys.push_back(KeyInfo{columns, "find_by_" + key_suffix(columns), source});
      }
      std::set<std::vector<std::size_t>> seen_foreign;
      for (const auto& [columns, source] : foreign_keys) {
        if (!seen_foreign.insert(columns).second) continue;
        relation.foreign_keys.push_back(KeyInfo{columns, "list_by_" + key_suffix(columns), source});
      }
      std::vector<KeyInfo*> keys;
      for (auto& key : relation.unique_keys) keys.push_back(&key);
      for (auto& key : relation.foreign_keys) keys.push_back(&key);
      for (const KeyInfo* key : keys) function_names.push_back(key->function);
      // A foreign key's list has a paged variant when there is a primary key to page on.
      std::vector<KeyInfo*> paged;
      if (relation.primary_key) {
        for (auto& key : relation.foreign_keys) {
          paged.push_back(&key);
          function_names.push_back(key.function + "_page");
        }
      }
      std::set<std::string> function_reserved = base_reserved_names();
      function_reserved.insert(kRelationNames.begin(), kRelationNames.end());
      const auto assigned = assign_names(function_names, function_reserved);
      for (std::size_t k = 0; k < keys.size(); ++k) keys[k]->function = assigned[k];
      for (std::size_t k = 0; k < paged.size(); ++k) paged[k]->page_function = assigned[keys.size() + k];
      result.relations.push_back(std::move(relation));
    }
  }

  if (!unmapped.empty()) {
    throw CodegenError(std::to_string(unmapped.size()) + " column" + (unmapped.size() == 1 ? " has a type" : "s have types") +
                           " without a C++ mapping",
                       unmapped);
  }
  return result;
}

}  // namespace strata::codegen::detail
