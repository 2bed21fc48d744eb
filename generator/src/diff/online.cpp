#include "online.h"

#include <algorithm>
#include <optional>
#include <set>

#include "attrs.h"
#include "render/sql_text.h"

namespace strata::diff {
namespace {

using model::Kind;
using model::Object;

// A table that exists in A, stays, and is not partitioned (PostgreSQL builds no index
// concurrently on a partitioned table, and adds no NOT VALID foreign key to one).
bool live_plain_table(const PlanState& state, const std::string& key) {
  auto it = state.objects.find(key);
  if (it == state.objects.end() || !it->second.from || !it->second.to) return false;
  if (state.builds(key) || state.drops(key)) return false;
  const Object& table = *it->second.to;
  return table.kind == Kind::Table && !attrs::optional_text(table.attrs, "partition_key") &&
         !attrs::optional_text(it->second.from->attrs, "partition_key");
}

// "CREATE [UNIQUE] INDEX name ..." -> "CREATE [UNIQUE] INDEX CONCURRENTLY name ..."
std::optional<std::string> concurrently(const std::string& definition) {
  for (const std::string& prefix : {std::string("CREATE INDEX "), std::string("CREATE UNIQUE INDEX ")}) {
    if (definition.rfind(prefix, 0) == 0) return prefix + "CONCURRENTLY " + definition.substr(prefix.size());
  }
  return std::nullopt;
}

bool online_index_create(const Change& change, const PlanState& state) {
  if (change.kind != Kind::Index || change.action != Change::Action::Create || change.statements.size() != 1) return false;
  const Object& index = *state.at(change.key).to;
  if (attrs::optional_text(index.attrs, "parent_index")) return false;
  if (!live_plain_table(state, index.parent)) return false;
  // Something this plan creates or alters needs the index (a foreign key on a unique index).
  for (const auto& dependent : state.to_graph.dependents(change.key)) {
    if (state.touches_in_create_phase(dependent)) return false;
  }
  return true;
}

bool online_index_drop(const Change& change, const PlanState& state) {
  if (change.kind != Kind::Index || change.action != Change::Action::Drop) return false;
  const ObjectPlan& plan = state.at(change.key);
  if (plan.fate != Fate::Drop) return false;  // the drop half of a recreate must precede the create
  const Object& index = *plan.from;
  if (attrs::optional_text(index.attrs, "parent_index")) return false;
  if (!live_plain_table(state, index.parent)) return false;
  // Its own dependencies (columns) dropped in the plan would take the index along first.
  for (const auto& dependency : state.from_graph.dependencies(change.key)) {
    if (state.drops(dependency)) return false;
  }
  // Something in the drop phase depends on it, or something new takes its name.
  for (const auto& dependent : state.from_graph.dependents(change.key)) {
    if (!state.drops(dependent)) return false;
  }
  for (const auto& [key, object] : state.to_graph.catalog().objects) {
    if (object.schema == index.schema && object.name == index.name &&
        (object.kind == Kind::Constraint || object.kind == Kind::Index || object.kind == Kind::Table ||
         object.kind == Kind::Sequence || object.kind == Kind::View || object.kind == Kind::MaterializedView)) {
      return false;
    }
  }
  return true;
}

bool not_valid_candidate(const Change& change, const PlanState& state) {
  if (change.kind != Kind::Constraint || change.action != Change::Action::Create || change.statements.size() != 1) {
    return false;
  }
  const Object& constraint = *state.at(change.key).to;
  const std::string type = attrs::text(constraint.attrs, "type");
  if (type != "f" && type != "c") return false;
  if (!attrs::flag(constraint.attrs, "validated")) return false;  // the target declares it NOT VALID
  if (attrs::flag(constraint.attrs, "inherited") || attrs::optional_text(constraint.attrs, "parent_constraint")) {
    return false;
  }
  if (!live_plain_table(state, constraint.parent)) return false;
  // Partitions and inheritance children match constraints with their parents (ATTACH, INHERIT):
  // leave them plain.
  const Object& table = *state.at(constraint.parent).to;
  if (attrs::optional_text(table.attrs, "partition_of") || !attrs::texts(table.attrs, "inherits").empty()) return false;
  // Inheritance children would get it recursively: keep it simple and leave those plain.
  for (const auto& [key, object] : state.to_graph.catalog().objects) {
    if (object.kind == Kind::Table && !attrs::texts(object.attrs, "inherits").empty()) {
      const auto parents = attrs::texts(object.attrs, "inherits");
      if (std::find(parents.begin(), parents.end(), constraint.parent) != parents.end()) return false;
    }
  }
  return true;
}

// No partition or inheritance relationship: constraints of those are matched between parents
// and children, and ALTER TABLE recurses into children.
bool stands_alone(const PlanState& state, const std::string& table_key) {
  const Object& table = *state.at(table_key).to;
  if (attrs::optional_text(table.attrs, "partition_of") || !attrs::texts(table.attrs, "inherits").empty()) return false;
  for (const auto& [key, object] : state.to_graph.catalog().objects) {
    if (object.kind != Kind::Table) continue;
    const auto parents = attrs::texts(object.attrs, "inherits");
    if (std::find(parents.begin(), parents.end(), table_key) != parents.end()) return false;
  }
  return true;
}

// A constraint name for `table` that neither version of the catalog uses there (at most 63
// bytes, PostgreSQL's limit).
std::optional<std::string> free_constraint_name(const PlanState& state, const Object& table, const std::string& wanted) {
  std::string name = wanted.substr(0, 63);
  for (const auto* graph : {&state.from_graph, &state.to_graph}) {
    for (const auto& [key, object] : graph->catalog().objects) {
      if (object.kind == Kind::Constraint && object.schema == table.schema && object.name == name) return std::nullopt;
    }
  }
  return name;
}

// `ALTER TABLE t ALTER COLUMN c SET NOT NULL` alone on a live table: SET NOT NULL scans every
// row under ACCESS EXCLUSIVE, unless a validated CHECK (c IS NOT NULL) proves it (PostgreSQL 12+).
// Returns the statements: the CHECK added NOT VALID in the transaction, then (after it) VALIDATE,
// which scans under SHARE UPDATE EXCLUSIVE only, SET NOT NULL (no scan) and DROP of the check.
std::optional<std::pair<std::string, std::vector<std::string>>> online_set_not_null(const Change& change,
                                                                                     const PlanState& state) {
  if (change.kind != Kind::Column || change.action != Change::Action::Alter || change.statements.size() != 1) {
    return std::nullopt;
  }
  const std::string suffix = " SET NOT NULL";
  const std::string& statement = change.statements[0];
  if (statement.size() <= suffix.size() || statement.compare(statement.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return std::nullopt;
  }
  const Object& column = *state.at(change.key).to;
  if (!live_plain_table(state, column.parent) || !stands_alone(state, column.parent)) return std::nullopt;
  const Object& table = *state.at(column.parent).to;
  const auto name = free_constraint_name(state, table, table.name + "_" + column.name + "_not_null");
  if (!name) return std::nullopt;
  const std::string alter = "ALTER TABLE " + sql::owner_name(column, state.to_graph) + " ";
  const std::string constraint = model::quote_ident(*name);
  return std::make_pair(alter + "ADD CONSTRAINT " + constraint + " CHECK (" + model::quote_ident(column.name) +
                            " IS NOT NULL) NOT VALID",
                        std::vector<std::string>{alter + "VALIDATE CONSTRAINT " + constraint, statement,
                                                 alter + "DROP CONSTRAINT " + constraint});
}

// `ADD CONSTRAINT u UNIQUE (columns)` on a live table builds its index under ACCESS EXCLUSIVE.
// Returns, for after the transaction, the index built CONCURRENTLY and the constraint added
// USING it. Only the plain form (no INCLUDE, WITH, NULLS NOT DISTINCT, tablespace, DEFERRABLE),
// and only when nothing else in the plan needs the constraint inside the transaction.
std::optional<std::vector<std::string>> online_unique(const Change& change, const PlanState& state) {
  if (change.kind != Kind::Constraint || change.action != Change::Action::Create || change.statements.size() != 1) {
    return std::nullopt;
  }
  const Object& constraint = *state.at(change.key).to;
  if (attrs::text(constraint.attrs, "type") != "u" || attrs::flag(constraint.attrs, "deferrable")) return std::nullopt;
  if (attrs::flag(constraint.attrs, "inherited") || attrs::optional_text(constraint.attrs, "parent_constraint")) {
    return std::nullopt;
  }
  const std::string definition = attrs::text(constraint.attrs, "definition");
  const std::string prefix = "UNIQUE (";
  if (definition.rfind(prefix, 0) != 0 || definition.back() != ')' ||
      definition.find_first_of("()", prefix.size()) != definition.size() - 1) {
    return std::nullopt;
  }
  if (!live_plain_table(state, constraint.parent) || !stands_alone(state, constraint.parent)) return std::nullopt;
  for (const auto& dependent : state.to_graph.dependents(change.key)) {
    if (state.touches_in_create_phase(dependent)) return std::nullopt;
  }
  const std::string table = sql::owner_name(constraint, state.to_graph);
  const std::string name = model::quote_ident(constraint.name);
  return std::vector<std::string>{
      "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + table + " " + definition.substr(prefix.size() - 1),
      "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " UNIQUE USING INDEX " + name};
}

// Plan warnings about a step the online rewrite made harmless.
void drop_warning(Plan& plan, const std::string& starts_with) {
  std::erase_if(plan.warnings, [&](const std::string& warning) { return warning.rfind(starts_with, 0) == 0; });
}

}  // namespace

void apply_online_options(Plan& plan, const PlanState& state, const Options& options) {
  if (!options.online_index_builds && !options.not_valid_constraints) return;
  std::vector<Change> main, after;
  std::set<std::string> built_after;
  for (auto& change : plan.changes) {
    if (options.online_index_builds && online_index_create(change, state)) {
      if (auto statement = concurrently(change.statements[0])) {
        change.statements[0] = *statement;
        change.after_transaction = true;
        change.summary += " (concurrently, after the transaction)";
        built_after.insert(change.key);
      }
    } else if (options.online_index_builds && online_index_drop(change, state)) {
      const Object& index = *state.at(change.key).from;
      change.statements = {"DROP INDEX CONCURRENTLY " + sql::name_of(index)};
      change.after_transaction = true;
      change.summary += " (concurrently, after the transaction)";
    } else if (options.not_valid_constraints && not_valid_candidate(change, state)) {
      const Object& constraint = *state.at(change.key).to;
      change.statements[0] += " NOT VALID";
      change.summary += " (NOT VALID)";
      Change validate;
      validate.key = change.key;
      validate.kind = change.kind;
      validate.action = Change::Action::Alter;
      validate.statements = {"ALTER TABLE " + sql::owner_name(constraint, state.to_graph) + " VALIDATE CONSTRAINT " +
                             model::quote_ident(constraint.name)};
      validate.after_transaction = true;
      validate.summary = "validate constraint " + change.key.substr(change.key.find(':') + 1);
      main.push_back(std::move(change));
      after.push_back(std::move(validate));
      continue;
    } else if (auto unique = options.online_index_builds ? online_unique(change, state) : std::nullopt) {
      change.statements = std::move(*unique);
      change.after_transaction = true;
      change.summary += " (index built concurrently, after the transaction)";
      built_after.insert(change.key);
    } else if (auto not_null = options.not_valid_constraints ? online_set_not_null(change, state) : std::nullopt) {
      auto& [check, later] = *not_null;
      const std::string column = change.key.substr(change.key.find(':') + 1);
      Change enforce;
      enforce.key = change.key;
      enforce.kind = change.kind;
      enforce.action = Change::Action::Alter;
      enforce.statements = std::move(later);
      enforce.after_transaction = true;
      enforce.summary = "set NOT NULL on " + column + " (validated CHECK first, after the transaction)";
      change.statements = {std::move(check)};
      change.summary = "check " + column + " IS NOT NULL (NOT VALID)";
      drop_warning(plan, "SET NOT NULL on column " + column + " ");
      main.push_back(std::move(change));
      after.push_back(std::move(enforce));
      continue;
    } else if (change.action == Change::Action::Comment && built_after.count(change.key)) {
      change.after_transaction = true;
    }
    (change.after_transaction ? after : main).push_back(std::move(change));
  }
  plan.changes = std::move(main);
  for (auto& change : after) plan.changes.push_back(std::move(change));
}

}  // namespace strata::diff
