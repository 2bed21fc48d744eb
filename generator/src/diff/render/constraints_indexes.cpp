// Table constraints (p, u, f, c, x) and the indexes that do not back a constraint.
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"
#include "tables.h"

namespace strata::diff {
namespace {

using model::Object;
using model::quote_ident;

// The table-level roles of an index (or a constraint's index): the replica identity and the
// index CLUSTER uses. `from` is null when the index is created.
std::vector<std::string> index_role_statements(const Object* from, const Object& to, const std::string& index_name,
                                               const CatalogGraph& graph) {
  std::vector<std::string> statements;
  const std::string table = "ALTER TABLE " + sql::owner_name(to, graph);
  const auto had = [&](const char* role) { return from != nullptr && attrs::flag(from->attrs, role); };
  if (attrs::flag(to.attrs, "replica_identity") && !had("replica_identity")) {
    statements.push_back(table + " REPLICA IDENTITY USING INDEX " + index_name);
  }
  if (attrs::flag(to.attrs, "clustered") && !had("clustered")) statements.push_back(table + " CLUSTER ON " + index_name);
  if (!attrs::flag(to.attrs, "clustered") && had("clustered")) {
    // Unless another index of the table is now the clustered one (its own CLUSTER ON moves it).
    bool another = false;
    for (const auto& child : graph.children(to.parent)) {
      const Object* sibling = graph.find(child);
      another = another || (sibling->key != to.key && attrs::flag(sibling->attrs, "clustered"));
    }
    if (!another) statements.push_back(table + " SET WITHOUT CLUSTER");
  }
  return statements;
}


// ALTER INDEX ... ALTER COLUMN n SET STATISTICS, from `before` (null: a new index) to the index's.
std::vector<std::string> index_statistics_statements(const Object* before, const Object& index) {
  const nlohmann::json& after = attrs::object_or_empty(&index.attrs, "column_statistics");
  const auto changes = attrs::keyed_changes(attrs::object_or_empty(before ? &before->attrs : nullptr, "column_statistics"), after);
  std::vector<std::string> statements;
  const std::string prefix = "ALTER INDEX " + sql::name_of(index) + " ALTER COLUMN ";
  for (const auto& column : changes.removed) statements.push_back(prefix + column + " SET STATISTICS -1");
  for (const auto& column : changes.set) {
    statements.push_back(prefix + column + " SET STATISTICS " + std::to_string(after[column].get<int>()));
  }
  return statements;
}

class ConstraintRenderer final : public KindRenderer {
 public:
  // pg_get_constraintdef already carries DEFERRABLE, INITIALLY DEFERRED and NOT VALID.
  std::vector<std::string> create(const Object& constraint, const RenderContext& context) const override {
    std::vector<std::string> statements{"ALTER TABLE " + sql::owner_name(constraint, context.to) + " ADD CONSTRAINT " +
                                        quote_ident(constraint.name) + " " + attrs::text(constraint.attrs, "definition")};
    // A constraint's index has the constraint's name.
    for (auto& role : index_role_statements(nullptr, constraint, quote_ident(constraint.name), context.to)) {
      statements.push_back(std::move(role));
    }
    return statements;
  }
  std::vector<std::string> drop(const Object& constraint, const RenderContext& context) const override {
    return {"ALTER TABLE " + sql::owner_name(constraint, context.from) + " DROP CONSTRAINT " + quote_ident(constraint.name)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext& context) const override {
    // Inheritance bookkeeping changes with ATTACH/DETACH PARTITION and INHERIT, not here.
    if (attrs::equal_except(from.attrs, to.attrs, {"inherited", "parent_constraint", "index", "replica_identity", "clustered"})) {
      AlterOutcome outcome;
      outcome.statements = index_role_statements(&from, to, quote_ident(to.name), context.to);
      return outcome;
    }
    const std::string definition = attrs::text(to.attrs, "definition");
    const bool validates = !attrs::flag(from.attrs, "validated") && attrs::flag(to.attrs, "validated") &&
                           attrs::text(from.attrs, "definition") == definition + " NOT VALID" &&
                           attrs::equal_except(from.attrs, to.attrs,
                                               {"inherited", "parent_constraint", "index", "validated", "definition",
                                                "replica_identity", "clustered"});
    if (!validates) return AlterOutcome::recreate_because("definition changes");
    AlterOutcome outcome;
    outcome.statements.push_back("ALTER TABLE " + sql::owner_name(to, context.to) + " VALIDATE CONSTRAINT " +
                                 quote_ident(to.name));
    return outcome;
  }
  std::string comment_target(const Object& constraint, const CatalogGraph& graph) const override {
    return "CONSTRAINT " + quote_ident(constraint.name) + " ON " + sql::owner_name(constraint, graph);
  }
};

// A partition's index that belongs to its parent's partitioned index must be attached to it.
// When the plan attaches the partition itself, ATTACH PARTITION does that (so the index is
// created before it); for a partition that is already attached it takes an ALTER INDEX.
std::string attach_index_statement(const Object& index, const CatalogGraph& graph) {
  const Object* parent_index = graph.find(attrs::text(index.attrs, "parent_index"));
  if (!parent_index) throw std::logic_error("index '" + index.key + "' names an unknown parent index");
  return "ALTER INDEX " + sql::name_of(*parent_index) + " ATTACH PARTITION " + sql::name_of(index);
}

class IndexRenderer final : public KindRenderer {
 public:
  // The definition is pg_get_indexdef: a partitioned table's index says ON ONLY, as wanted.
  std::vector<std::string> create(const Object& index, const RenderContext& context) const override {
    std::vector<std::string> statements{attrs::text(index.attrs, "definition")};
    if (attrs::optional_text(index.attrs, "parent_index") && !context.attached_tables.count(index.parent)) {
      statements.push_back(attach_index_statement(index, context.to));
    }
    for (auto& role : index_role_statements(nullptr, index, quote_ident(index.name), context.to)) statements.push_back(std::move(role));
    for (auto& target : index_statistics_statements(nullptr, index)) statements.push_back(std::move(target));
    return statements;
  }
  std::vector<std::string> drop(const Object& index, const RenderContext&) const override {
    return {"DROP INDEX " + sql::name_of(index)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext& context) const override {
    if (!attrs::equal_except(from.attrs, to.attrs, {"parent_index", "replica_identity", "clustered", "column_statistics"})) {
      return AlterOutcome::recreate_because("definition changes");
    }
    AlterOutcome outcome;
    outcome.statements = index_role_statements(&from, to, quote_ident(to.name), context.to);
    for (auto& target : index_statistics_statements(&from, to)) outcome.statements.push_back(std::move(target));
    const auto parent_index = attrs::optional_text(to.attrs, "parent_index");
    const Object* old_table = context.from.find(from.parent);
    const Object* new_table = context.to.find(to.parent);
    const bool table_reattached = old_table && new_table && partition_attachment_changes(*old_table, *new_table);
    if (parent_index && parent_index != attrs::optional_text(from.attrs, "parent_index") && !table_reattached) {
      outcome.statements.push_back(attach_index_statement(to, context.to));
    }
    return outcome;
  }
  std::string comment_target(const Object& index, const CatalogGraph&) const override {
    return "INDEX " + sql::name_of(index);
  }
};

}  // namespace

const KindRenderer& constraint_renderer() {
  static const ConstraintRenderer renderer;
  return renderer;
}

const KindRenderer& index_renderer() {
  static const IndexRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
