#include "strata/docs.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <sstream>

#include "strata/diff.h"

namespace strata::docs {
namespace {

using model::Catalog;
using model::Kind;
using model::Object;

std::string str(const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

std::vector<std::string> strings(const nlohmann::json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) out.push_back(str(item));
  }
  return out;
}

std::string display(const Object& object) { return object.schema + "." + object.name; }

// Everything the document needs, gathered once.
struct Index {
  std::map<std::string, std::vector<const Object*>> children;  // table key -> children
  std::vector<const Object*> tables, enums, domains, views;
};

Index index_catalog(const Catalog& catalog) {
  Index index;
  for (const auto& [key, object] : catalog.objects) {
    switch (object.kind) {
      case Kind::Table: index.tables.push_back(&object); break;
      case Kind::View:
      case Kind::MaterializedView: index.views.push_back(&object); break;
      case Kind::Type:
        if (str(object.attrs.value("type_kind", nlohmann::json())) == "enum") index.enums.push_back(&object);
        if (str(object.attrs.value("type_kind", nlohmann::json())) == "domain") index.domains.push_back(&object);
        break;
      default:
        if (!object.parent.empty()) index.children[object.parent].push_back(&object);
    }
  }
  return index;
}

std::vector<const Object*> children_of(const Index& index, const std::string& table, Kind kind) {
  std::vector<const Object*> out;
  const auto found = index.children.find(table);
  if (found == index.children.end()) return out;
  for (const auto* child : found->second) {
    if (child->kind == kind) out.push_back(child);
  }
  if (kind == Kind::Column) {
    std::sort(out.begin(), out.end(), [](const Object* a, const Object* b) {
      return a->attrs.value("position", 0) < b->attrs.value("position", 0);
    });
  }
  return out;
}

struct ForeignKey {
  std::string from_table, to_table;
  std::vector<std::string> columns;
  bool nullable = false;  // any referencing column nullable: the parent is optional
  bool unique = false;    // the referencing columns are unique: at most one child per parent
};

// Column sets that are unique in a table: primary key, unique constraints, unique full indexes.
std::vector<std::set<std::string>> unique_sets(const Index& index, const std::string& table) {
  std::vector<std::set<std::string>> sets;
  for (const auto* constraint : children_of(index, table, Kind::Constraint)) {
    const auto type = str(constraint->attrs.value("type", nlohmann::json()));
    if (type == "p" || type == "u") {
      const auto columns = strings(constraint->attrs.value("columns", nlohmann::json()));
      sets.emplace_back(columns.begin(), columns.end());
    }
  }
  for (const auto* idx : children_of(index, table, Kind::Index)) {
    if (idx->attrs.value("unique", false) && !idx->attrs.value("partial", false)) {
      const auto columns = strings(idx->attrs.value("columns", nlohmann::json()));
      if (!columns.empty()) sets.emplace_back(columns.begin(), columns.end());
    }
  }
  return sets;
}

std::vector<ForeignKey> foreign_keys(const Catalog& catalog, const Index& index) {
  std::vector<ForeignKey> keys;
  for (const auto* table : index.tables) {
    const auto uniques = unique_sets(index, table->key);
    for (const auto* constraint : children_of(index, table->key, Kind::Constraint)) {
      if (str(constraint->attrs.value("type", nlohmann::json())) != "f") continue;
      if (constraint->attrs.value("inherited", false)) continue;  // shown on the parent table
      ForeignKey key;
      // A partition's foreign keys are drawn on its partitioned table (partitions are not drawn).
      key.from_table = table->key;
      for (const Object* root = table; root;) {
        const auto parent = str(root->attrs.value("partition_of", nlohmann::json()));
        key.from_table = root->key;
        root = parent.empty() ? nullptr : catalog.find(parent);
      }
      key.to_table = str(constraint->attrs.value("referenced_table", nlohmann::json()));
      key.columns = strings(constraint->attrs.value("columns", nlohmann::json()));
      if (key.to_table.empty() || !catalog.find(key.to_table)) continue;
      for (const auto& column : key.columns) {
        const auto* object = catalog.find("column:" + table->schema + "." + table->name + "." + column);
        if (object && !object->attrs.value("not_null", false)) key.nullable = true;
      }
      const std::set<std::string> column_set(key.columns.begin(), key.columns.end());
      for (const auto& unique : uniques) {
        // Unique when some unique key is a subset of the foreign key's columns.
        if (!unique.empty() && std::includes(column_set.begin(), column_set.end(), unique.begin(), unique.end())) {
          key.unique = true;
        }
      }
      const bool seen = std::any_of(keys.begin(), keys.end(), [&](const ForeignKey& other) {
        return other.from_table == key.from_table && other.to_table == key.to_table && other.columns == key.columns;
      });
      if (!seen) keys.push_back(std::move(key));
    }
  }
  return keys;
}

// Markdown table cell: one line, pipes escaped.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string code(const std::string& text) {
  if (text.empty()) return "";
  const bool has_tick = text.find('`') != std::string::npos;
  return has_tick ? "``" + cell(text) + "``" : "`" + cell(text) + "`";
}

std::string entity_id(const Object& table) { return mermaid_identifier(table.schema + "__" + table.name); }

std::string mermaid_comment(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '"') {
      out += '\'';
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (out.size() > 60) out = out.substr(0, 57) + "...";
  return out;
}

std::string table_key_of(const Catalog& catalog, const std::string& key) {
  const auto* object = catalog.find(key);
  if (!object) return "";
  if (object->kind == Kind::Table) return key;
  if (!object->parent.empty()) {
    const auto* parent = catalog.find(object->parent);
    if (parent && parent->kind == Kind::Table) return parent->key;
  }
  return "";
}

}  // namespace

std::string mermaid_identifier(const std::string& name) {
  std::string out;
  for (const char c : name) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  }
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "x" + out;
  return out;
}

std::string mermaid_type(const std::string& sql_type) {
  std::string type = sql_type;
  // Drop schema qualification of user types: "public.email_address" -> "email_address".
  if (const auto dot = type.rfind('.'); dot != std::string::npos && type.find('(') == std::string::npos) {
    type = type.substr(dot + 1);
  }
  static const std::vector<std::pair<std::string, std::string>> shorter = {
      {"character varying", "varchar"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"time without time zone", "time"},
      {"time with time zone", "timetz"},
      {"double precision", "float8"},
      {"character", "char"},
      {"bit varying", "varbit"},
  };
  for (const auto& [from, to] : shorter) {
    if (type.rfind(from, 0) == 0) {
      type = to + type.substr(from.size());
      break;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < type.size(); ++i) {
    const char c = type[i];
    if (c == '[' && i + 1 < type.size() && type[i + 1] == ']') {
      out += "_array";
      ++i;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      out += c;
    } else if (c == ')' || c == '"') {
      continue;
    } else if (out.empty() || out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "t" + out;
  return out;
}

std::set<std::string> select_tables(const Catalog& catalog, const Options& options) {
  const auto index = index_catalog(catalog);
  std::set<std::string> all;
  for (const auto* table : index.tables) all.insert(table->key);
  if (options.only.empty()) return all;

  std::set<std::string> selected;
  for (const auto& name : options.only) {
    bool found = false;
    for (const auto* table : index.tables) {
      if (display(*table) == name || table->name == name || table->key == name) {
        selected.insert(table->key);
        found = true;
      }
    }
    if (!found) throw DocsError("--only: no table named " + name + " in the schema");
  }
  // Breadth-first over foreign keys, both directions.
  std::map<std::string, std::set<std::string>> neighbours;
  for (const auto& key : foreign_keys(catalog, index)) {
    neighbours[key.from_table].insert(key.to_table);
    neighbours[key.to_table].insert(key.from_table);
  }
  std::set<std::string> frontier = selected;
  for (int hop = 0; hop < options.neighbourhood; ++hop) {
    std::set<std::string> next;
    for (const auto& table : frontier) {
      for (const auto& other : neighbours[table]) {
        if (selected.insert(other).second) next.insert(other);
      }
    }
    frontier = std::move(next);
  }
  return selected;
}

std::set<std::string> changed_tables(const Catalog& from, const Catalog& to) {
  const auto plan = diff::diff(from, to);
  std::set<std::string> tables;
  for (const auto& change : plan.changes) {
    auto table = table_key_of(to, change.key);
    if (table.empty()) table = table_key_of(from, change.key);
    if (!table.empty()) tables.insert(table);
  }
  return tables;
}

std::string render_mermaid(const Catalog& catalog, const std::set<std::string>& tables, bool all_columns) {
  const auto index = index_catalog(catalog);
  const auto keys = foreign_keys(catalog, index);
  std::ostringstream out;
  out << "erDiagram\n";
  for (const auto& table_key : tables) {
    const auto* table = catalog.find(table_key);
    if (!table || !str(table->attrs.value("partition_of", nlohmann::json())).empty()) continue;  // partitions: sections only
    // Which columns are keys.
    std::map<std::string, std::set<std::string>> markers;
    for (const auto* constraint : children_of(index, table_key, Kind::Constraint)) {
      const auto type = str(constraint->attrs.value("type", nlohmann::json()));
      const std::string marker = type == "p" ? "PK" : type == "f" ? "FK" : type == "u" ? "UK" : "";
      if (marker.empty()) continue;
      for (const auto& column : strings(constraint->attrs.value("columns", nlohmann::json()))) {
        markers[column].insert(marker);
      }
    }
    out << "  " << entity_id(*table) << "[\"" << display(*table) << "\"] {\n";
    for (const auto* column : children_of(index, table_key, Kind::Column)) {
      const auto found = markers.find(column->name);
      if (!all_columns && found == markers.end()) continue;
      out << "    " << mermaid_type(str(column->attrs.value("type", nlohmann::json()))) << " "
          << mermaid_identifier(column->name);
      if (found != markers.end()) {
        std::string list;
        for (const auto* marker : {"PK", "FK", "UK"}) {
          if (found->second.count(marker)) list += (list.empty() ? " " : ", ") + std::string(marker);
        }
        out << list;
      }
      if (column->comment && !column->comment->empty()) out << " \"" << mermaid_comment(*column->comment) << "\"";
      out << "\n";
    }
    out << "  }\n";
  }
  for (const auto& key : keys) {
    if (!tables.count(key.from_table) || !tables.count(key.to_table)) continue;
    const auto* from = catalog.find(key.from_table);
    if (!str(from->attrs.value("partition_of", nlohmann::json())).empty()) continue;
    const auto* parent = catalog.find(key.to_table);
    const auto* child = catalog.find(key.from_table);
    std::string label;
    for (const auto& column : key.columns) label += (label.empty() ? "" : ", ") + column;
    out << "  " << entity_id(*parent) << " " << (key.nullable ? "|o" : "||") << "--" << (key.unique ? "o|" : "o{")
        << " " << entity_id(*child) << " : \"" << mermaid_comment(label) << "\"\n";
  }
  return out.str();
}

std::string render_markdown(const Catalog& catalog, const Options& options) {
  const auto index = index_catalog(catalog);
  const auto selected = select_tables(catalog, options);
  std::ostringstream out;
  out << "# " << options.title << "\n\n";
  out << selected.size() << " table" << (selected.size() == 1 ? "" : "s");
  if (!options.only.empty()) {
    out << " (";
    for (std::size_t i = 0; i < options.only.size(); ++i) out << (i ? ", " : "") << options.only[i];
    out << " and " << options.neighbourhood << " foreign-key hop" << (options.neighbourhood == 1 ? "" : "s")
        << " around them)";
  }
  out << ", " << index.enums.size() << " enum" << (index.enums.size() == 1 ? "" : "s") << ", " << index.views.size()
      << " view" << (index.views.size() == 1 ? "" : "s") << ".\n\n";

  // The diagram(s).
  std::vector<std::pair<std::string, std::set<std::string>>> diagrams;
  if (options.group_by_schema) {
    std::map<std::string, std::set<std::string>> by_schema;
    for (const auto& key : selected) by_schema[catalog.find(key)->schema].insert(key);
    const auto keys = foreign_keys(catalog, index);
    for (auto& [schema, tables] : by_schema) {
      // Tables of other schemas this schema's tables reference (or are referenced by).
      auto with_neighbours = tables;
      for (const auto& key : keys) {
        if (tables.count(key.from_table) && selected.count(key.to_table)) with_neighbours.insert(key.to_table);
      }
      diagrams.emplace_back("Schema " + schema, with_neighbours);
    }
  } else {
    diagrams.emplace_back("", selected);
  }
  out << "## Diagram\n\n";
  for (auto& [heading, tables] : diagrams) {
    // Partitions are drawn as their partitioned table (they have sections of their own).
    for (auto it = tables.begin(); it != tables.end();) {
      const auto* table = catalog.find(*it);
      it = str(table->attrs.value("partition_of", nlohmann::json())).empty() ? std::next(it) : tables.erase(it);
    }
    if (!heading.empty()) out << "### " << heading << "\n\n";
    if (tables.size() > options.max_tables) {
      out << "> The diagram is left out: " << tables.size() << " tables is more than `--max-tables "
          << options.max_tables << "`. Use `--group-by-schema`, `--only TABLE,... --neighbourhood N`, or a larger "
          << "`--max-tables`.\n\n";
      continue;
    }
    if (tables.empty()) {
      out << "_No tables._\n\n";
      continue;
    }
    out << "```mermaid\n" << render_mermaid(catalog, tables, options.all_columns) << "```\n\n";
  }

  // One section per table.
  out << "## Tables\n\n";
  for (const auto& table_key : selected) {
    const auto* table = catalog.find(table_key);
    out << "### " << display(*table) << "\n\n";
    if (table->comment && !table->comment->empty()) out << *table->comment << "\n\n";
    if (const auto of = str(table->attrs.value("partition_of", nlohmann::json())); !of.empty()) {
      out << "Partition of `" << of.substr(of.find(':') + 1) << "` "
          << code(str(table->attrs.value("partition_bound", nlohmann::json()))) << ".\n\n";
    }
    if (const auto key = str(table->attrs.value("partition_key", nlohmann::json())); !key.empty()) {
      out << "Partitioned by " << code(key) << ".\n\n";
    }
    out << "| Column | Type | Nullable | Default | Comment |\n|---|---|---|---|---|\n";
    for (const auto* column : children_of(index, table_key, Kind::Column)) {
      std::string default_text;
      if (const auto* def = catalog.find("default:" + table->schema + "." + table->name + "." + column->name)) {
        default_text = str(def->attrs.value("expr", nlohmann::json()));
      }
      if (const auto identity = str(column->attrs.value("identity", nlohmann::json())); !identity.empty()) {
        default_text = "generated " + identity + " as identity";
      }
      if (const auto generated = str(column->attrs.value("generated", nlohmann::json())); !generated.empty()) {
        default_text = "generated always as (" + generated + ") stored";
      }
      out << "| `" << cell(column->name) << "` | `" << cell(str(column->attrs.value("type", nlohmann::json())))
          << "` | " << (column->attrs.value("not_null", false) ? "not null" : "null") << " | " << code(default_text)
          << " | " << cell(column->comment.value_or("")) << " |\n";
    }
    out << "\n";
    const auto constraints = children_of(index, table_key, Kind::Constraint);
    if (!constraints.empty()) {
      out << "Constraints:\n\n";
      for (const auto* constraint : constraints) {
        out << "- `" << cell(constraint->name) << "`: " << code(str(constraint->attrs.value("definition", nlohmann::json())))
            << "\n";
      }
      out << "\n";
    }
    const auto indexes = children_of(index, table_key, Kind::Index);
    if (!indexes.empty()) {
      out << "Indexes:\n\n";
      for (const auto* idx : indexes) {
        out << "- `" << cell(idx->name) << "`: " << code(str(idx->attrs.value("definition", nlohmann::json()))) << "\n";
      }
      out << "\n";
    }
    const auto triggers = children_of(index, table_key, Kind::Trigger);
    if (!triggers.empty()) {
      out << "Triggers:\n\n";
      for (const auto* trigger : triggers) {
        out << "- `" << cell(trigger->name) << "`: " << code(str(trigger->attrs.value("definition", nlohmann::json())))
            << "\n";
      }
      out << "\n";
    }
  }

  if (!index.enums.empty()) {
    out << "## Enums\n\n| Enum | Labels | Comment |\n|---|---|---|\n";
    for (const auto* type : index.enums) {
      std::string labels;
      for (const auto& label : strings(type->attrs.value("labels", nlohmann::json()))) {
        labels += (labels.empty() ? "" : ", ") + code(label);
      }
      out << "| `" << cell(display(*type)) << "` | " << labels << " | " << cell(type->comment.value_or("")) << " |\n";
    }
    out << "\n";
  }
  if (!index.domains.empty()) {
    out << "## Domains\n\n| Domain | Base type | Constraints |\n|---|---|---|\n";
    for (const auto* type : index.domains) {
      std::string checks;
      for (const auto& constraint : type->attrs.value("constraints", nlohmann::json::array())) {
        checks += (checks.empty() ? "" : " ") + code(str(constraint.value("definition", nlohmann::json())));
      }
      out << "| `" << cell(display(*type)) << "` | `" << cell(str(type->attrs.value("base_type", nlohmann::json())))
          << "` | " << checks << " |\n";
    }
    out << "\n";
  }
  if (!index.views.empty()) {
    out << "## Views\n\n";
    for (const auto* view : index.views) {
      out << "### " << display(*view) << (view->kind == Kind::MaterializedView ? " (materialized)" : "") << "\n\n";
      if (view->comment && !view->comment->empty()) out << *view->comment << "\n\n";
      std::string columns;
      for (const auto& column : view->attrs.value("columns", nlohmann::json::array())) {
        columns += (columns.empty() ? "" : ", ") + code(str(column.value("name", nlohmann::json())) + " " +
                                                        str(column.value("type", nlohmann::json())));
      }
      if (!columns.empty()) out << "Columns: " << columns << "\n\n";
      out << "```sql\n" << str(view->attrs.value("definition", nlohmann::json())) << "\n```\n\n";
      const auto indexes = children_of(index, view->key, Kind::Index);  // materialized views have them
      if (!indexes.empty()) {
        out << "Indexes:\n\n";
        for (const auto* idx : indexes) {
          out << "- `" << cell(idx->name) << "`: " << code(str(idx->attrs.value("definition", nlohmann::json())))
              << "\n";
        }
        out << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace strata::docs
