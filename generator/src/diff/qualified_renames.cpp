#include "qualified_renames.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "attrs.h"
#include "renames.h"
#include "sql_names.h"

namespace strata::diff {
namespace {

using model::Kind;
using model::Object;
using nlohmann::json;

// Key prefixes (docs/model.md, "Keys"): a string in attrs that starts with one is a key, whose names
// are raw; any other string is SQL, whose names are quoted.
const std::set<std::string, std::less<>>& key_prefixes() {
  static const std::set<std::string, std::less<>> prefixes = {
      "schema", "extension", "type", "sequence", "seqowner", "table", "column", "default", "constraint", "index",
      "view", "matview", "function", "trigger", "rule", "policy", "collation", "statistics", "event_trigger",
      "publication", "text_search_dictionary", "text_search_configuration", "cast", "operator", "operator_family",
      "operator_class", "foreign_data_wrapper", "server", "language", "default_privileges"};
  return prefixes;
}

bool is_key(const std::string& text) {
  const auto colon = text.find(':');
  return colon != std::string::npos && key_prefixes().count(std::string_view(text).substr(0, colon)) > 0;
}

// Attrs that hold raw names or values, never SQL: enum labels, options, column names, roles ...
// (a label 'app.read' is not schema app's).
bool raw_attr(std::string_view name) {
  static const std::set<std::string, std::less<>> raw = {
      "name", "labels", "options", "tags", "roles", "columns", "referenced_columns", "column", "role", "server",
      "wrapper", "publish", "event", "schemas", "schema"};
  return raw.count(name) > 0;
}

// One rename and how it shows in keys and in SQL text.
struct NameChange {
  Kind kind = Kind::Schema;
  std::string old_schema, new_schema;  // for a schema: its names; otherwise the object's (unchanged) schema
  std::string old_name, new_name;      // a type's or function's
  std::set<std::string> function_keys; // the overloads renamed (A keys)
  std::set<std::string> kept_keys;     // the overloads that keep the old name

  static NameChange of(Kind kind, std::string old_schema, std::string new_schema, std::string old_name = "",
                       std::string new_name = "") {
    NameChange change;
    change.kind = kind;
    change.old_schema = std::move(old_schema);
    change.new_schema = std::move(new_schema);
    change.old_name = std::move(old_name);
    change.new_name = std::move(new_name);
    return change;
  }

  // The raw name keys use, before and after: "old" for a schema, "s.old" otherwise.
  std::string old_raw() const { return kind == Kind::Schema ? old_schema : old_schema + "." + old_name; }
  std::string new_raw() const { return kind == Kind::Schema ? new_schema : new_schema + "." + new_name; }

  std::string text(const std::string& sql) const {
    const sql_names::Boundaries boundaries{.unqualified_only = true, .skip_literals = true};
    if (kind == Kind::Schema) {
      return sql_names::replace_name(sql, model::quote_ident(old_schema) + ".", model::quote_ident(new_schema) + ".",
                                     boundaries);
    }
    return sql_names::replace_name(sql, model::qualified_name(old_schema, old_name),
                                   model::qualified_name(new_schema, new_name), boundaries);
  }

  std::string key(const std::string& key) const {
    const auto colon = key.find(':');
    if (colon == std::string::npos) return key;
    const std::string prefix = key.substr(0, colon);
    std::string rest = key.substr(colon + 1);
    // The argument types of a function or operator, the types of a cast: format_type's SQL.
    const auto paren = rest.find('(');
    if ((prefix == "function" || prefix == "operator" || prefix == "cast") && paren != std::string::npos) {
      rest = rest.substr(0, paren) + text(rest.substr(paren));
    }
    switch (kind) {
      case Kind::Schema:
        if (prefix == "schema" && rest == old_schema) rest = new_schema;
        if (rest.starts_with(old_schema + ".")) rest = new_schema + rest.substr(old_schema.size());
        break;
      case Kind::Type:
        if (prefix == "type" && rest == old_raw()) rest = new_raw();
        break;
      default:
        if (function_keys.count(key)) rest = new_raw() + rest.substr(old_raw().size());
        break;
    }
    return prefix + ":" + rest;
  }

  // Whether `object`'s SQL names the renamed object. A call of a function some overloads of which
  // keep the name is rewritten only where pg_depend says which overload it is: what calls a
  // renamed one otherwise differs from B and is replaced (never the other way round).
  bool rewrites_sql(const Object& object) const {
    if (kind != Kind::Function || kept_keys.empty() || function_keys.count(object.key)) return true;
    const auto depends = [&](const std::set<std::string>& keys) {
      return std::any_of(object.depends_on.begin(), object.depends_on.end(),
                         [&](const std::string& dependency) { return keys.count(dependency) > 0; });
    };
    return depends(function_keys) && !depends(kept_keys);
  }

  void edit_attrs(json& value, std::string_view attr, bool sql) const {
    if (value.is_string()) {
      const std::string text_value = value.get<std::string>();
      if (kind == Kind::Schema && (attr == "schema" || attr == "schemas")) {
        if (text_value == old_schema) value = new_schema;
      } else if (is_key(text_value)) {
        value = key(text_value);
      } else if (sql && !raw_attr(attr)) {
        value = text(text_value);
      }
    } else if (value.is_array()) {
      for (auto& item : value) edit_attrs(item, attr, sql);
    } else if (value.is_object() && attr == "part_comments") {
      json renamed = json::object();  // keyed by COMMENT ON targets; the comments are the user's
      for (auto& [target, comment] : value.items()) renamed[sql ? text(target) : target] = comment;
      value = std::move(renamed);
    } else if (value.is_object()) {
      for (auto& [name, item] : value.items()) edit_attrs(item, name, sql);
    }
  }

  Object edited(const Object& original) const {
    Object object = original;
    object.key = key(object.key);
    if (!object.parent.empty()) object.parent = key(object.parent);
    for (auto& dependency : object.depends_on) dependency = key(dependency);
    std::sort(object.depends_on.begin(), object.depends_on.end());
    if (kind == Kind::Schema) {
      if (object.schema == old_schema) object.schema = new_schema;
      if (object.kind == Kind::Schema && object.name == old_schema) object.name = new_schema;
    } else if (object.key != original.key && object.kind == kind) {
      object.name = new_name;
    }
    edit_attrs(object.attrs, "", rewrites_sql(original));
    if (object.kind == Kind::DefaultPrivileges) {
      object.key = model::default_privileges_key(attrs::text(object.attrs, "role"), attrs::text(object.attrs, "schema"),
                                                 attrs::text(object.attrs, "objects"));
    }
    return object;
  }

  model::Catalog applied(const model::Catalog& catalog) const {
    model::Catalog result;
    for (const auto& [key, object] : catalog.objects) result.add(edited(object));
    return result;
  }
};

class Renamer {
 public:
  Renamer(const model::Catalog& from, const model::Catalog& to) : to_(to) { result_.catalog = from; }

  void schema(const std::string& new_key, const std::string& old_key) {
    const Object* source = checked(new_key, old_key, Kind::Schema);
    if (source == nullptr) return;
    const Object& target = *to_.find(new_key);
    const auto change = NameChange::of(Kind::Schema, source->name, target.name);
    apply(change, rename_change(target, "ALTER SCHEMA " + model::quote_ident(source->name) + " RENAME TO " +
                                            model::quote_ident(target.name),
                                "rename schema " + source->name + " to " + target.name));
  }

  void type(const std::string& new_key, const std::string& old_key) {
    const Object* source = checked(new_key, old_key, Kind::Type);
    if (source == nullptr) return;
    const Object& target = *to_.find(new_key);
    same_schema(*source, target);
    const auto change = NameChange::of(Kind::Type, source->schema, source->schema, source->name, target.name);
    apply(change, rename_change(target, "ALTER TYPE " + model::qualified_name(source->schema, source->name) +
                                            " RENAME TO " + model::quote_ident(target.name),
                                "rename type " + model::key_name(old_key) + " to " + target.name));
  }

  // `new_key` and `old_key` name functions without their argument types.
  void function(const std::string& new_key, const std::string& old_key) {
    const auto overloads = [](const model::Catalog& catalog, const std::string& name) {
      std::vector<const Object*> found;
      for (auto it = catalog.objects.lower_bound(name + "("); it != catalog.objects.end() && it->first.starts_with(name + "(");
           ++it) {
        found.push_back(&it->second);
      }
      return found;
    };
    const auto targets = overloads(to_, new_key);
    const auto sources = overloads(result_.catalog, old_key);
    if (targets.empty()) throw DiffError(new_key, "'" + new_key + "' is declared renamed but is not in the target schema");
    if (sources.empty()) {
      if (!overloads(result_.catalog, new_key).empty()) return;  // already applied
      throw DiffError(new_key, "'" + new_key + "' is declared renamed from '" + old_key + "', which is not in the source schema");
    }
    auto change = NameChange::of(Kind::Function, sources.front()->schema, sources.front()->schema,
                                 sources.front()->name, targets.front()->name);
    same_schema(*sources.front(), *targets.front());
    std::vector<Change> statements;
    for (const Object* source : sources) {
      const std::string arguments = source->key.substr(old_key.size());  // "(integer, text)"
      const std::string candidate = new_key + arguments;
      const Object* target = to_.find(candidate);
      if (target == nullptr) continue;  // this overload keeps its name (or is dropped)
      if (result_.catalog.find(candidate)) {
        throw DiffError(candidate, "cannot rename '" + source->key + "' to '" + candidate + "': the source already has it");
      }
      change.function_keys.insert(source->key);
      statements.push_back(rename_change(*target, "ALTER ROUTINE " + model::qualified_name(source->schema, source->name) +
                                                      arguments + " RENAME TO " + model::quote_ident(target->name),
                                         "rename function " + model::key_name(source->key) + " to " + target->name));
    }
    if (statements.empty()) {
      throw DiffError(new_key, "'" + new_key + "' is declared renamed from '" + old_key +
                                   "', but no overload of it has the same argument types in both schemas");
    }
    for (const Object* source : sources) {
      if (!change.function_keys.count(source->key)) change.kept_keys.insert(source->key);
    }
    result_.catalog = change.applied(result_.catalog);
    result_.renames.insert(result_.renames.end(), statements.begin(), statements.end());
  }

  // Keys of A in a renamed schema, as the catalog now has them.
  std::string current_key(const std::string& old_key) const {
    std::string key = old_key;
    for (const auto& change : schema_changes_) key = change.key(key);
    return key;
  }

  QualifiedRenames take() { return std::move(result_); }
  QualifiedRenames& result() { return result_; }

 private:
  // The source object, or nullptr when the rename is already applied in A.
  const Object* checked(const std::string& new_key, const std::string& old_key, Kind kind) {
    const Object* target = to_.find(new_key);
    const Object* source = result_.catalog.find(old_key);
    if (!target) throw DiffError(new_key, "'" + new_key + "' is declared renamed but is not in the target schema");
    if (!source && result_.catalog.find(new_key)) return nullptr;
    if (!source) {
      throw DiffError(new_key, "'" + new_key + "' is declared renamed from '" + old_key + "', which is not in the source schema");
    }
    if (source->kind != kind || target->kind != kind) {
      throw DiffError(new_key, "'" + old_key + "' -> '" + new_key + "': a rename keeps the kind of object");
    }
    if (new_key != old_key && result_.catalog.find(new_key)) {
      throw DiffError(new_key, "cannot rename '" + old_key + "' to '" + new_key + "': the source already has '" + new_key + "'");
    }
    return new_key == old_key ? nullptr : source;
  }

  static void same_schema(const Object& source, const Object& target) {
    if (source.schema != target.schema) {
      throw DiffError(target.key, "only a table moves to another schema ('" + source.key + "' -> '" + target.key + "')");
    }
  }

  void apply(const NameChange& change, Change statement) {
    result_.catalog = change.applied(result_.catalog);
    result_.renames.push_back(std::move(statement));
    if (change.kind == Kind::Schema) schema_changes_.push_back(change);
  }

  const model::Catalog& to_;
  QualifiedRenames result_;
  std::vector<NameChange> schema_changes_;
};

}  // namespace

QualifiedRenames rename_qualified(const model::Catalog& from, const model::Catalog& to,
                                  const std::map<std::string, std::string>& renames) {
  Renamer renamer(from, to);
  const auto kind_of = [](const std::string& key) { return key.substr(0, key.find(':')); };
  // Schemas first: the old keys of everything else are translated into the renamed schemas.
  for (const auto& [new_key, old_key] : renames) {
    if (kind_of(new_key) == "schema") renamer.schema(new_key, old_key);
  }
  // Then types: a function's key names its argument types.
  for (const auto& [new_key, old_key] : renames) {
    if (kind_of(new_key) == "type") renamer.type(new_key, renamer.current_key(old_key));
  }
  for (const auto& [new_key, old_key] : renames) {
    const std::string kind = kind_of(new_key);
    if (kind == "function") {
      renamer.function(new_key, renamer.current_key(old_key));
    } else if (kind != "schema" && kind != "type") {
      renamer.result().other_renames[new_key] = renamer.current_key(old_key);
    }
  }
  return renamer.take();
}

}  // namespace strata::diff
