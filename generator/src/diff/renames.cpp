#include "renames.h"

#include <algorithm>
#include <optional>
#include <set>

#include "attrs.h"
#include "qualified_renames.h"
#include "sql_names.h"

namespace strata::diff {
namespace {

using model::Kind;
using model::Object;
using nlohmann::json;

std::string prefix_of(const std::string& key) { return key.substr(0, key.find(':') + 1); }

// Names in deparsed text, as before (`false, false`) or qualifying another (`true, true`: v.total).
std::string replace_name(const std::string& text, const std::string& from, const std::string& to,
                         bool unqualified_only, bool before_dot_only) {
  return sql_names::replace_name(text, from, to, {.unqualified_only = unqualified_only, .before_dot_only = before_dot_only});
}

// The attrs that hold deparsed SQL text naming tables and columns.
constexpr const char* kTextAttrs[] = {"definition", "expr", "using", "with_check", "generated", "partition_bound"};

template <typename Edit>
void edit_texts(Object& object, Edit edit) {
  // PostgreSQL does not rewrite function bodies on a rename: a function naming the old name
  // differs from B's and is replaced.
  if (object.kind == Kind::Function || !object.attrs.is_object()) return;
  for (const char* name : kTextAttrs) {
    auto it = object.attrs.find(name);
    if (it != object.attrs.end() && it->is_string()) *it = edit(it->get<std::string>());
  }
}

void remap_strings(json& value, const std::map<std::string, std::string>& keys) {
  if (value.is_string()) {
    auto it = keys.find(value.get<std::string>());
    if (it != keys.end()) value = it->second;
  } else if (value.is_array() || value.is_object()) {
    for (auto& item : value) remap_strings(item, keys);
  }
}

std::string remapped(const std::string& key, const std::map<std::string, std::string>& keys) {
  auto it = keys.find(key);
  return it == keys.end() ? key : it->second;
}

bool renamable(Kind kind) {
  return kind == Kind::Table || kind == Kind::Column || kind == Kind::Constraint || kind == Kind::View ||
         kind == Kind::MaterializedView || kind == Kind::Index || kind == Kind::Sequence;
}

// The word ALTER takes for a renamable relation other than a table.
std::string sql_kind(Kind kind) {
  switch (kind) {
    case Kind::View: return "VIEW";
    case Kind::Index: return "INDEX";
    case Kind::Sequence: return "SEQUENCE";
    default: return "MATERIALIZED VIEW";
  }
}

// Tables, columns, constraints, views, materialized views, indexes and sequences.
RenamedCatalog rename_objects(const model::Catalog& from, const model::Catalog& to,
                              const std::map<std::string, std::string>& renames) {
  RenamedCatalog result;

  std::map<std::string, const Object*> tables;     // A table key -> B table
  std::map<std::string, const Object*> columns;    // A column key -> B column
  std::map<std::string, const Object*> constraints;  // A constraint key -> B constraint
  std::map<std::string, const Object*> relations;  // A view, materialized view, sequence or index key -> B's
  std::set<std::string> sources;
  for (const auto& [new_key, old_key] : renames) {
    const Object* target = to.find(new_key);
    const Object* source = from.find(old_key);
    if (!target) throw DiffError(new_key, "'" + new_key + "' is declared renamed but is not in the target schema");
    // Already applied (the migration that renamed it is in A): the pragma lapses quietly.
    if (!source && from.find(new_key)) continue;
    if (!source) {
      throw DiffError(new_key, "'" + new_key + "' is declared renamed from '" + old_key +
                                   "', which is not in the source schema");
    }
    if (source->kind != target->kind || !renamable(source->kind)) {
      throw DiffError(new_key, "only a schema, type, function, table, column, constraint, view, materialized "
                               "view, index or sequence can be renamed, to one of the same kind ('" + old_key + "' -> '" + new_key + "')");
    }
    if (!sources.insert(old_key).second) {
      throw DiffError(new_key, "'" + old_key + "' is declared as the old name of more than one object");
    }
    if (new_key == old_key) continue;
    if (source->schema != target->schema && source->kind != Kind::Table) {
      throw DiffError(new_key, "only a table moves to another schema ('" + old_key + "' -> '" + new_key + "')");
    }
    if (source->kind == Kind::Table) tables[old_key] = target;
    else if (source->kind == Kind::Column) columns[old_key] = target;
    else if (source->kind == Kind::Constraint) constraints[old_key] = target;
    else relations[old_key] = target;
  }

  // Columns of A by (table key, name), to find a default's or sequence owner's column.
  std::map<std::pair<std::string, std::string>, std::string> column_keys;
  for (const auto& [key, object] : from.objects) {
    if (object.kind == Kind::Column) column_keys[{object.parent, object.name}] = key;
  }
  auto new_table_key = [&](const std::string& key) {
    auto it = tables.find(key);
    return it == tables.end() ? key : it->second->key;
  };
  // The column's name after the renames.
  auto new_column_name = [&](const std::string& table_key, const std::string& name) {
    auto key = column_keys.find({table_key, name});
    if (key == column_keys.end()) return name;
    auto it = columns.find(key->second);
    return it == columns.end() ? name : it->second->name;
  };

  for (const auto& [old_key, target] : columns) {
    const Object& source = *from.find(old_key);
    if (new_table_key(source.parent) != target->parent) {
      throw DiffError(target->key, "column '" + old_key + "' is declared renamed to '" + target->key +
                                       "', which belongs to another table");
    }
  }
  for (const auto& [old_key, target] : constraints) {
    const Object& source = *from.find(old_key);
    if (new_table_key(source.parent) != target->parent) {
      throw DiffError(target->key, "constraint '" + old_key + "' is declared renamed to '" + target->key +
                                       "', which is on another table");
    }
  }
  for (const auto& [old_key, target] : relations) {
    const Object& source = *from.find(old_key);
    const auto parent = relations.find(source.parent);  // a renamed materialized view
    const std::string new_parent = parent != relations.end() ? parent->second->key : new_table_key(source.parent);
    if (source.kind == Kind::Index && new_parent != target->parent) {
      throw DiffError(target->key, "index '" + old_key + "' is declared renamed to '" + target->key +
                                       "', which is on another table");
    }
  }

  // A table moved to another schema (SET SCHEMA) takes its indexes and the sequences its columns
  // own along: A key of the sequence -> the moved table's new schema.
  std::map<std::string, std::string> moved_sequences;
  for (const auto& [key, object] : from.objects) {
    if (object.kind != Kind::SequenceOwner) continue;
    const auto table = tables.find(attrs::text(object.attrs, "table"));
    if (table != tables.end() && from.find(table->first)->schema != table->second->schema) {
      moved_sequences[object.parent] = table->second->schema;
    }
  }
  auto moved_schema = [&](const Object& object) -> std::optional<std::string> {
    if (object.kind == Kind::Index) {
      const auto table = tables.find(object.parent);
      if (table != tables.end() && table->second->schema != object.schema) return table->second->schema;
    }
    const std::string sequence = object.kind == Kind::SequenceOwner ? object.parent : object.key;
    if (object.kind == Kind::Sequence || object.kind == Kind::SequenceOwner) {
      if (auto it = moved_sequences.find(sequence); it != moved_sequences.end()) return it->second;
    }
    return std::nullopt;
  };

  // Every A key that changes.
  std::map<std::string, std::string> keys;
  for (const auto& [key, object] : from.objects) {
    std::string new_key = key;
    if (auto schema = moved_schema(object)) {
      new_key = prefix_of(key) + *schema + "." + object.name;
    } else if (tables.count(key)) {
      new_key = tables.at(key)->key;
    } else if (relations.count(key)) {
      new_key = relations.at(key)->key;
    } else if (constraints.count(key)) {
      new_key = constraints.at(key)->key;
    } else if (object.kind == Kind::SequenceOwner && relations.count(object.parent)) {
      new_key = "seqowner:" + model::key_name(relations.at(object.parent)->key);
    } else if (object.kind == Kind::Column) {
      new_key = columns.count(key) ? columns.at(key)->key
                                   : "column:" + model::key_name(new_table_key(object.parent)) + "." + object.name;
    } else if (object.kind == Kind::Default) {
      new_key = "default:" + model::key_name(new_table_key(object.parent)) + "." + new_column_name(object.parent, object.name);
    } else if ((object.kind == Kind::Constraint || object.kind == Kind::Trigger || object.kind == Kind::Rule ||
                object.kind == Kind::Policy) &&
               tables.count(object.parent)) {
      new_key = prefix_of(key) + model::key_name(new_table_key(object.parent)) + "." + object.name;
    } else if ((object.kind == Kind::Trigger || object.kind == Kind::Rule) && relations.count(object.parent)) {
      new_key = prefix_of(key) + model::key_name(relations.at(object.parent)->key) + "." + object.name;
    }
    if (new_key != key) keys[key] = new_key;
    // RENAME CONSTRAINT renames the index of a key or exclusion constraint along.
    if (auto index = constraints.count(key) ? attrs::optional_text(object.attrs, "index") : std::nullopt) {
      keys[*index] = "index:" + object.schema + "." + constraints.at(key)->name;
    }
  }
  std::set<std::string> moved;
  for (const auto& [old_key, new_key] : keys) moved.insert(old_key);
  for (const auto& [old_key, new_key] : keys) {
    if (from.find(new_key) && !moved.count(new_key)) {
      throw DiffError(new_key, "cannot rename '" + old_key + "' to '" + new_key + "': the source already has '" +
                                   new_key + "'");
    }
  }

  // Objects whose text may name a renamed column: the table's children and what depends on it.
  auto names_column = [&](const Object& object, const std::string& column_key, const std::string& table_key) {
    if (object.parent == table_key) return true;
    return std::find(object.depends_on.begin(), object.depends_on.end(), column_key) != object.depends_on.end();
  };
  auto names_table = [&](const Object& object, const std::string& table_key) {
    if (object.parent == table_key) return true;
    for (const auto& dependency : object.depends_on) {
      if (dependency == table_key) return true;
      const Object* used = from.find(dependency);
      if (used && used->parent == table_key) return true;
    }
    return false;
  };

  for (const auto& [key, original] : from.objects) {
    Object object = original;
    for (const auto& [old_key, target] : tables) {
      const Object& source = *from.find(old_key);
      const std::string old_name = model::qualified_name(source.schema, source.name);
      const std::string new_name = model::qualified_name(target->schema, target->name);
      const bool local = names_table(original, old_key);
      edit_texts(object, [&](const std::string& text) {
        std::string edited = replace_name(text, old_name, new_name, false, false);
        // Column references qualified by the relation's name (pg_get_viewdef: users.email).
        if (local) {
          edited = replace_name(edited, model::quote_ident(source.name), model::quote_ident(target->name), true, true);
        }
        return edited;
      });
    }
    for (const auto& [old_key, target] : relations) {
      const Object& source = *from.find(old_key);
      if (source.kind == Kind::Index) {
        // Only its own definition names an index: CREATE [UNIQUE] INDEX name ON ...
        if (key == old_key) {
          edit_texts(object, [&](const std::string& text) {
            return replace_name(text, "INDEX " + model::quote_ident(source.name) + " ON",
                                "INDEX " + model::quote_ident(target->name) + " ON", false, false);
          });
        }
        continue;
      }
      const bool local = names_table(original, old_key);
      edit_texts(object, [&](const std::string& text) {
        std::string edited = replace_name(text, model::qualified_name(source.schema, source.name),
                                          model::qualified_name(target->schema, target->name), false, false);
        // Column references qualified by the view's name (pg_get_viewdef: v.total).
        if (local && source.kind != Kind::Sequence) {
          edited = replace_name(edited, model::quote_ident(source.name), model::quote_ident(target->name), true, true);
        }
        return edited;
      });
    }
    for (const auto& [sequence_key, schema] : moved_sequences) {
      const Object& sequence = *from.find(sequence_key);
      edit_texts(object, [&](const std::string& text) {
        return replace_name(text, model::qualified_name(sequence.schema, sequence.name),
                            model::qualified_name(schema, sequence.name), false, false);
      });
    }
    for (const auto& [old_key, target] : columns) {
      const Object& source = *from.find(old_key);
      if (!names_column(original, old_key, source.parent)) continue;
      edit_texts(object, [&](const std::string& text) {
        return replace_name(text, model::quote_ident(source.name), model::quote_ident(target->name), false, false);
      });
    }

    // Column lists (a key's `columns`, a foreign key's `referenced_columns`) name columns raw.
    const auto rename_columns = [&](const char* attr, const std::string& table_key) {
      auto it = object.attrs.is_object() ? object.attrs.find(attr) : object.attrs.end();
      if (table_key.empty() || it == object.attrs.end() || !it->is_array()) return;
      for (auto& name : *it) {
        if (name.is_string()) name = new_column_name(table_key, name.get<std::string>());
      }
    };
    if (object.kind == Kind::Constraint || object.kind == Kind::Index) rename_columns("columns", original.parent);
    if (object.kind == Kind::Constraint) {
      rename_columns("referenced_columns", attrs::text(original.attrs, "referenced_table"));
    }

    if (auto schema = moved_schema(original)) object.schema = *schema;
    if (tables.count(key)) object.schema = tables.at(key)->schema;
    if (!object.parent.empty() && tables.count(original.parent) && object.kind != Kind::Statistics) {
      object.schema = tables.at(original.parent)->schema;
    }
    object.key = remapped(object.key, keys);
    object.parent = remapped(object.parent, keys);
    if (tables.count(key)) object.name = tables.at(key)->name;
    if (relations.count(key)) object.name = relations.at(key)->name;
    if (constraints.count(key)) object.name = constraints.at(key)->name;
    if (columns.count(key)) object.name = columns.at(key)->name;
    if (object.kind == Kind::Default) object.name = new_column_name(original.parent, original.name);
    if (object.kind == Kind::SequenceOwner && object.attrs.is_object()) {
      const std::string table = attrs::text(object.attrs, "table");
      object.attrs["column"] = new_column_name(table, attrs::text(object.attrs, "column"));
    }
    remap_strings(object.attrs, keys);
    for (auto& dependency : object.depends_on) {
      dependency = remapped(dependency, keys);
      if (object.schema != original.schema && dependency == "schema:" + original.schema) dependency = "schema:" + object.schema;
    }
    std::sort(object.depends_on.begin(), object.depends_on.end());
    result.catalog.add(std::move(object));
  }

  // A table moved into a schema A lacks: the schema is created first, as CREATE SCHEMA makes it
  // (owned by whoever migrates, with A's default privileges for schemas); the rest of the plan
  // sees it as existing and sets its owner, privileges and comment like any other's.
  for (const auto& [old_key, target] : tables) {
    const std::string schema_key = "schema:" + target->schema;
    if (from.find(schema_key) || result.catalog.find(schema_key) || !to.find(schema_key)) continue;
    Object schema;
    schema.key = schema_key;
    schema.kind = Kind::Schema;
    schema.name = target->schema;
    schema.owner = model::kCurrentUser;
    const Object* defaults = from.find(model::default_privileges_key(model::kCurrentUser, "", "schemas"));
    schema.acl = defaults ? defaults->acl : model::acl_to_json(model::default_acl(Kind::Schema, model::kCurrentUser));
    Change create = rename_change(schema, "CREATE SCHEMA " + model::quote_ident(schema.name), "create schema " + schema.name);
    create.action = Change::Action::Create;
    result.renames.push_back(std::move(create));
    result.catalog.add(std::move(schema));
  }

  // The statements: tables first (by their new key), then columns under their new table names.
  for (const auto& [old_key, target] : tables) {
    const Object& source = *from.find(old_key);
    std::string schema = source.schema;
    if (source.schema != target->schema) {
      // Its indexes and owned sequences go along; the rows stay.
      result.renames.push_back(rename_change(
          *target, "ALTER TABLE " + model::qualified_name(source.schema, source.name) + " SET SCHEMA " +
                       model::quote_ident(target->schema),
          "move table " + model::key_name(old_key) + " to schema " + target->schema));
      schema = target->schema;
    }
    if (source.name == target->name) continue;
    result.renames.push_back(rename_change(
        *target, "ALTER TABLE " + model::qualified_name(schema, source.name) + " RENAME TO " +
                     model::quote_ident(target->name),
        "rename table " + model::key_name(old_key) + " to " + model::key_name(target->key)));
  }
  for (const auto& [old_key, target] : constraints) {
    const Object& source = *from.find(old_key);
    // An inherited constraint is renamed by its parent's rename (it recurses); a partition's clone
    // of its parent's key keeps its own name.
    if (attrs::flag(source.attrs, "inherited") || attrs::optional_text(source.attrs, "parent_constraint")) continue;
    const Object* table = to.find(target->parent);
    if (table == nullptr) continue;
    result.renames.push_back(rename_change(*target,
                                           "ALTER TABLE " + model::qualified_name(table->schema, table->name) +
                                               " RENAME CONSTRAINT " + model::quote_ident(source.name) + " TO " +
                                               model::quote_ident(target->name),
                                           "rename constraint " + model::key_name(old_key) + " to " + target->name));
  }
  for (const auto& [old_key, target] : relations) {
    const Object& source = *from.find(old_key);
    const std::string what = sql_kind(source.kind);
    result.renames.push_back(rename_change(*target,
                                           "ALTER " + what + " " + model::qualified_name(source.schema, source.name) +
                                               " RENAME TO " + model::quote_ident(target->name),
                                           "rename " + model::to_string(source.kind) + " " + model::key_name(old_key) + " to " +
                                               target->name));
  }
  for (const auto& [old_key, target] : columns) {
    const Object& source = *from.find(old_key);
    // An inherited column is renamed by its parent's rename (PostgreSQL refuses it on its own).
    if (attrs::flag(source.attrs, "inherited")) continue;
    const Object* table = to.find(target->parent);
    const std::string table_name =
        table ? model::qualified_name(table->schema, table->name) : model::qualified_name(source.schema, "?");
    result.renames.push_back(rename_change(*target,
                                           "ALTER TABLE " + table_name + " RENAME COLUMN " +
                                               model::quote_ident(source.name) + " TO " +
                                               model::quote_ident(target->name),
                                           "rename column " + model::key_name(old_key) + " to " + target->name));
  }
  return result;
}

// Enum labels: the types' labels, and the `'old'::type` constants in definitions, as they will be
// after the RENAME VALUE statements it returns. One A has already had lapses quietly; a label in
// neither version of the type is a DiffError.
std::vector<Change> rename_labels(model::Catalog& catalog,
                                  const std::map<std::string, std::map<std::string, std::string>>& renames) {
  std::vector<Change> changes;
  std::map<std::string, std::string> constants;  // 'old'::public.mood -> 'new'::public.mood
  for (const auto& [type_key, labels] : renames) {
    auto it = catalog.objects.find(type_key);
    if (it == catalog.objects.end()) continue;  // a new type: nothing to rename
    Object& type = it->second;
    auto list = attrs::texts(type.attrs, "labels");
    const std::string name = model::qualified_name(type.schema, type.name);
    for (const auto& [old_label, new_label] : labels) {
      auto old_at = std::find(list.begin(), list.end(), old_label);
      const bool has_new = std::find(list.begin(), list.end(), new_label) != list.end();
      if (old_at == list.end() && has_new) continue;  // already applied
      if (old_at == list.end()) {
        throw DiffError(type_key, "label '" + old_label + "' of " + type_key + " is declared renamed to '" + new_label +
                                      "', but the type has neither");
      }
      if (has_new) {
        throw DiffError(type_key, "cannot rename label '" + old_label + "' of " + type_key + " to '" + new_label +
                                      "': the type already has it");
      }
      *old_at = new_label;
      constants[model::quote_literal(old_label) + "::" + name] = model::quote_literal(new_label) + "::" + name;
      changes.push_back(rename_change(type, "ALTER TYPE " + name + " RENAME VALUE " + model::quote_literal(old_label) +
                                                " TO " + model::quote_literal(new_label),
                                      "rename label '" + old_label + "' of type " + model::key_name(type_key) + " to '" + new_label + "'"));
    }
    type.attrs["labels"] = list;
  }
  for (auto& [key, object] : catalog.objects) {
    for (const auto& [before, after] : constants) {
      edit_texts(object, [&](const std::string& text) { return replace_name(text, before, after, false, false); });
    }
  }
  return changes;
}

}  // namespace

Change rename_change(const Object& object, std::string statement, std::string summary) {
  Change change;
  change.key = object.key;
  change.kind = object.kind;
  change.action = Change::Action::Alter;
  change.statements = {std::move(statement)};
  change.summary = std::move(summary);
  return change;
}

RenamedCatalog apply_renames(const model::Catalog& from, const model::Catalog& to, const Options& options) {
  if (options.renames.empty() && options.label_renames.empty()) return {};  // the caller uses `from` itself
  QualifiedRenames qualified = rename_qualified(from, to, options.renames);
  RenamedCatalog result = qualified.other_renames.empty()
                              ? RenamedCatalog{std::move(qualified.catalog), {}}
                              : rename_objects(qualified.catalog, to, qualified.other_renames);
  result.renames.insert(result.renames.begin(), qualified.renames.begin(), qualified.renames.end());
  result.applied = true;
  const auto labels = rename_labels(result.catalog, options.label_renames);
  result.renames.insert(result.renames.end(), labels.begin(), labels.end());
  return result;
}

}  // namespace strata::diff
