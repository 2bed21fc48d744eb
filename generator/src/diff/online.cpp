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
    } else if (change.action == Change::Action::Comment && built_after.count(change.key)) {
      change.after_transaction = true;
    }
    (change.after_transaction ? after : main).push_back(std::move(change));
  }
  plan.changes = std::move(main);
  for (auto& change : after) plan.changes.push_back(std::move(change));
}

}  // namespace strata::diff
