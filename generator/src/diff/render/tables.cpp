// Tables: ordinary, unlogged, partitioned, partitions and inheritance children.
#include "tables.h"

#include <optional>

#include <algorithm>

#include "../attrs.h"
#include "columns.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;
using nlohmann::json;

std::string table_name(const std::string& key, const CatalogGraph& graph) {
  const Object* table = graph.find(key);
  if (!table) throw std::logic_error("reference to unknown table '" + key + "'");
  return sql::name_of(*table);
}

bool is_partition(const Object& table) { return attrs::optional_text(table.attrs, "partition_of").has_value(); }

std::vector<const Object*> declared_columns(const Object& table, const CatalogGraph& graph) {
  std::vector<const Object*> columns;
  for (const auto& key : graph.children(table.key)) {
    const Object* child = graph.find(key);
    if (child->kind == model::Kind::Column && declared_in_create_table(*child, table)) columns.push_back(child);
  }
  std::stable_sort(columns.begin(), columns.end(), [](const Object* a, const Object* b) {
    return a->attrs.value("position", 0) < b->attrs.value("position", 0);
  });
  return columns;
}

bool is_foreign(const Object& table) { return attrs::field(table.attrs, "foreign") != nullptr; }

std::string create_table_statement(const Object& table, const std::vector<const Object*>& columns,
                                   const RenderContext& context) {
  const json& a = table.attrs;
  std::string sql = attrs::text(a, "persistence") == "unlogged" ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ";
  if (is_foreign(table)) sql = "CREATE FOREIGN TABLE ";
  sql += sql::name_of(table);
  if (auto type = attrs::optional_text(a, "of_type")) {
    // A typed table's columns are its type's attributes: only their options are written.
    std::vector<std::string> options;
    for (const Object* column : columns) {
      std::string option;
      if (auto expression = inlined_default(*column, context)) option += " DEFAULT " + *expression;
      if (attrs::flag(column->attrs, "not_null")) option += " NOT NULL";
      if (!option.empty()) options.push_back(model::quote_ident(column->name) + " WITH OPTIONS" + option);
    }
    sql += " OF " + *type;
    if (!options.empty()) sql += " (\n    " + sql::join(options, ",\n    ") + "\n)";
  } else {
    sql += " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i == 0 ? "\n    " : ",\n    ") + column_definition(*columns[i], inlined_default(*columns[i], context));
    }
    sql += "\n)";
  }
  std::vector<std::string> parents;
  for (const auto& key : attrs::texts(a, "inherits")) parents.push_back(table_name(key, context.to));
  if (!parents.empty()) sql += " INHERITS (" + sql::join(parents, ", ") + ")";
  if (auto key = attrs::optional_text(a, "partition_key")) sql += " PARTITION BY " + *key;
  if (const auto* foreign = attrs::field(a, "foreign")) {
    sql += " SERVER " + model::quote_ident(attrs::text(*foreign, "server")) + sql::fdw_options_clause(attrs::field(*foreign, "options"));
  }
  if (auto method = attrs::optional_text(a, "access_method")) sql += " USING " + model::quote_ident(*method);
  const auto options = attrs::texts(a, "options");
  if (!options.empty()) sql += " WITH (" + sql::reloption_list(options) + ")";
  return sql;
}

// From the attrs of the existing table (an empty object for a new one, where both are off).
std::vector<std::string> row_security_statements(const json& from_attrs, const Object& to) {
  std::vector<std::string> statements;
  const std::string prefix = "ALTER TABLE " + sql::name_of(to) + " ";
  auto was = [&](const char* flag) { return attrs::flag(from_attrs, flag); };
  const bool enabled = attrs::flag(to.attrs, "rls_enabled"), forced = attrs::flag(to.attrs, "rls_forced");
  if (enabled != was("rls_enabled")) statements.push_back(prefix + (enabled ? "ENABLE" : "DISABLE") + " ROW LEVEL SECURITY");
  if (forced != was("rls_forced")) statements.push_back(prefix + (forced ? "FORCE" : "NO FORCE") + " ROW LEVEL SECURITY");
  return statements;
}

// REPLICA IDENTITY DEFAULT / NOTHING / FULL; USING INDEX is written by that index or constraint.
std::optional<std::string> replica_identity_statement(const json& from, const Object& to) {
  const std::string identity = attrs::optional_text(to.attrs, "replica_identity").value_or("default");
  if (identity == "index" || identity == attrs::optional_text(from, "replica_identity").value_or("default")) return std::nullopt;
  return "ALTER TABLE " + sql::name_of(to) + " REPLICA IDENTITY " + sql::upper(identity);
}

std::vector<std::string> option_statements(const Object& from, const Object& to) {
  std::vector<std::string> statements;
  for (const auto& clause : sql::reloptions_change(attrs::texts(from.attrs, "options"), attrs::texts(to.attrs, "options"))) {
    statements.push_back("ALTER TABLE " + sql::name_of(to) + " " + clause);
  }
  return statements;
}

// INHERITS parents are ordered: how many leading parents A and B share (kept; the rest are
// unlinked and linked again).
size_t kept_parents(const Object& from, const Object& to) {
  const auto old_parents = attrs::texts(from.attrs, "inherits");
  const auto new_parents = attrs::texts(to.attrs, "inherits");
  size_t common = 0;
  while (common < old_parents.size() && common < new_parents.size() && old_parents[common] == new_parents[common]) ++common;
  return common;
}

class TableRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& table, const RenderContext& context) const override {
    const auto columns = declared_columns(table, context.to);
    std::vector<std::string> statements{create_table_statement(table, columns, context)};
    for (const Object* column : columns) {
      for (auto& followup : column_followups(*column, sql::name_of(table))) statements.push_back(std::move(followup));
    }
    for (auto& statement : row_security_statements(json::object(), table)) statements.push_back(std::move(statement));
    if (auto identity = replica_identity_statement(json::object(), table)) statements.push_back(std::move(*identity));
    return statements;
  }

  std::vector<std::string> drop(const Object& table, const RenderContext&) const override {
    return {std::string(is_foreign(table) ? "DROP FOREIGN TABLE " : "DROP TABLE ") + sql::name_of(table)};
  }

  AlterOutcome alter(const Object& from, const Object& to, const RenderContext& context) const override {
    if (attrs::optional_text(from.attrs, "partition_key") != attrs::optional_text(to.attrs, "partition_key")) {
      AlterOutcome outcome = AlterOutcome::recreate_because("partition key changes");
      outcome.destructive = true;
      outcome.destructive_reason = "drops table " + sql::name_of(to) + " and its rows to change its partition key";
      outcome.warnings.push_back("table " + sql::name_of(to) + " is dropped and created again to change its partition key; "
                                 "its rows and its partitions' rows are lost");
      return outcome;
    }
    if (is_foreign(from) != is_foreign(to) || foreign_server(from) != foreign_server(to)) {
      AlterOutcome outcome = AlterOutcome::recreate_because(is_foreign(from) == is_foreign(to) ? "its server changes"
                                                            : is_foreign(to) ? "it becomes a foreign table"
                                                                             : "it stops being a foreign table");
      outcome.destructive = holds_data(from);
      if (outcome.destructive) outcome.destructive_reason = "drops table " + sql::name_of(to) + " and its rows to make it a foreign table";
      return outcome;
    }
    AlterOutcome outcome;
    const std::string name = sql::name_of(to);
    if (is_foreign(to)) {
      const std::string options = sql::fdw_options_change(attrs::field(from.attrs["foreign"], "options"),
                                                          attrs::field(to.attrs["foreign"], "options"));
      if (!options.empty()) outcome.statements.push_back("ALTER FOREIGN TABLE " + name + " " + options);
    }
    if (partition_attachment_changes(from, to)) {
      if (auto old_parent = attrs::optional_text(from.attrs, "partition_of")) {
        outcome.before_drops.push_back("ALTER TABLE " + table_name(*old_parent, context.from) +
                                       " DETACH PARTITION " + sql::name_of(from));
      }
    }
    // INHERITS parents are ordered; keep the common prefix, re-link the rest.
    const auto old_parents = attrs::texts(from.attrs, "inherits");
    const size_t common = kept_parents(from, to);
    for (size_t i = common; i < old_parents.size(); ++i) {
      outcome.before_drops.push_back("ALTER TABLE " + name + " NO INHERIT " + table_name(old_parents[i], context.from));
    }
    // NO INHERIT leaves what the child inherited as its own: the constraints B does not have go.
    if (common < old_parents.size()) {
      for (const auto& child : context.from.children(from.key)) {
        const Object* constraint = context.from.find(child);
        if (constraint->kind != model::Kind::Constraint || !attrs::flag(constraint->attrs, "inherited")) continue;
        if (context.to.find(child)) continue;
        outcome.before_drops.push_back("ALTER TABLE " + name + " DROP CONSTRAINT " + model::quote_ident(constraint->name));
      }
    }
    // New parents are linked by the plan's attach step (inherit_statements), once the child has
    // every column they bring.
    const auto type = attrs::optional_text(to.attrs, "of_type");
    if (type != attrs::optional_text(from.attrs, "of_type")) {
      outcome.statements.push_back("ALTER TABLE " + name + (type ? " OF " + *type : " NOT OF"));
    }
    const std::string persistence = attrs::text(to.attrs, "persistence");
    if (persistence != attrs::text(from.attrs, "persistence")) {
      outcome.statements.push_back("ALTER TABLE " + name + (persistence == "unlogged" ? " SET UNLOGGED" : " SET LOGGED"));
    }
    const auto method = attrs::optional_text(to.attrs, "access_method");
    if (method != attrs::optional_text(from.attrs, "access_method")) {
      outcome.statements.push_back("ALTER TABLE " + name + " SET ACCESS METHOD " + model::quote_ident(method.value_or("heap")));
    }
    for (auto& statement : option_statements(from, to)) outcome.statements.push_back(std::move(statement));
    for (auto& statement : row_security_statements(from.attrs, to)) outcome.statements.push_back(std::move(statement));
    if (auto identity = replica_identity_statement(from.attrs, to)) outcome.statements.push_back(std::move(*identity));
    return outcome;
  }

  std::string comment_target(const Object& table, const CatalogGraph&) const override {
    return std::string(is_foreign(table) ? "FOREIGN TABLE " : "TABLE ") + sql::name_of(table);
  }
  // A foreign table's rows are on the other server.
  bool holds_data(const Object& table) const override { return !is_foreign(table); }

 private:
  static std::optional<std::string> foreign_server(const Object& table) {
    const auto* foreign = attrs::field(table.attrs, "foreign");
    return foreign ? attrs::optional_text(*foreign, "server") : std::nullopt;
  }
};

}  // namespace

bool declared_in_create_table(const Object& column, const Object& table) {
  return !attrs::flag(column.attrs, "inherited") || is_partition(table);
}

bool partition_attachment_changes(const Object& from, const Object& to) {
  return attrs::optional_text(from.attrs, "partition_of") != attrs::optional_text(to.attrs, "partition_of") ||
         attrs::optional_text(from.attrs, "partition_bound") != attrs::optional_text(to.attrs, "partition_bound");
}

bool inheritance_grows(const Object& from, const Object& to) {
  return kept_parents(from, to) < attrs::texts(to.attrs, "inherits").size();
}

std::vector<std::string> inherit_statements(const Object& from, const Object& to, const CatalogGraph& graph) {
  const auto new_parents = attrs::texts(to.attrs, "inherits");
  std::vector<std::string> statements;
  for (size_t i = kept_parents(from, to); i < new_parents.size(); ++i) {
    statements.push_back("ALTER TABLE " + sql::name_of(to) + " INHERIT " + table_name(new_parents[i], graph));
  }
  return statements;
}

std::string attach_partition_statement(const Object& partition, const CatalogGraph& graph) {
  return "ALTER TABLE ONLY " + table_name(attrs::text(partition.attrs, "partition_of"), graph) +
         " ATTACH PARTITION " + sql::name_of(partition) + " " + attrs::text(partition.attrs, "partition_bound");
}

const KindRenderer& table_renderer() {
  static const TableRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
