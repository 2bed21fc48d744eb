#include "closure.h"

#include <deque>

#include "absorption.h"
#include "attrs.h"
#include "strata/diff.h"

namespace strata::diff {
namespace {

using model::Kind;

// PostgreSQL rebuilds these itself when a column they use changes type.
bool survives_column_retype(const model::Object& dependent) {
  return dependent.kind == Kind::Index || dependent.kind == Kind::Constraint || dependent.kind == Kind::Statistics ||
         dependent.kind == Kind::SequenceOwner ||
         // an inherited column follows its parent's ALTER COLUMN TYPE
         (dependent.kind == Kind::Column && attrs::flag(dependent.attrs, "inherited"));
}

// Changing one in place changes what expressions that call it compute.
bool computes_stored_results(Kind kind) {
  return kind == Kind::Function || kind == Kind::TextSearchConfiguration || kind == Kind::TextSearchDictionary;
}

class Closure {
 public:
  explicit Closure(PlanState& state) : state_(state) {}

  void run() {
    for (const auto& [key, plan] : state_.objects) {
      if (state_.drops(key)) pending_.push_back(key);
    }
    for (const auto& [key, plan] : state_.objects) {
      if (plan.fate == Fate::Alter && plan.outcome.rebuilds_dependents) rebuild_dependents_of(key);
      if (plan.fate == Fate::Alter && plan.outcome.swaps_type) rebuild_users_of_swapped_type(key);
      if (plan.fate == Fate::Alter && computes_stored_results(plan.to->kind)) rebuild_what_stored_results_of(key);
    }
    do {
      drain();
    } while (unhoist_what_can_no_longer_run_early());
    check_data_is_kept();
  }

 private:
  void rebuild_dependents_of(const std::string& column_key) {
    for (const auto& dependent : state_.from_graph.dependents(column_key)) {
      if (survives_column_retype(*state_.from_graph.find(dependent))) continue;
      const ObjectPlan& plan = state_.at(dependent);
      if (!plan.to || state_.drops(dependent)) continue;
      recreate(dependent, column_key, "uses " + column_key + ", whose type changes");
    }
  }

  // The swap converts the type's columns in place; everything else naming the type (functions,
  // defaults, views, CHECKs) must go before the old type is dropped and come back after.
  void rebuild_users_of_swapped_type(const std::string& type_key) {
    for (const auto& dependent : state_.from_graph.dependents(type_key)) {
      const ObjectPlan& plan = state_.at(dependent);
      if (!plan.to || state_.drops(dependent)) continue;
      if (state_.from_graph.find(dependent)->kind == Kind::Column) {
        rebuild_dependents_of(dependent);
        continue;
      }
      recreate(dependent, type_key, "uses " + type_key + ", which is replaced");
    }
  }

  // CREATE OR REPLACE FUNCTION leaves what stored the old function's results as it was: an
  // expression index (whose entries no longer match: index and sequential scans disagree), a
  // CHECK or exclusion constraint (rows the new body rejects stay), a stored generated column.
  // Recreating them rebuilds the index, re-checks every row and recomputes the column. A text
  // search configuration or dictionary changed in place leaves tsvectors stored the same way.
  void rebuild_what_stored_results_of(const std::string& function_key) {
    for (const auto& dependent : state_.from_graph.dependents(function_key)) {
      const model::Object& object = *state_.from_graph.find(dependent);
      // A dictionary changes what the configurations that use it compute.
      if (object.kind == Kind::TextSearchConfiguration) {
        rebuild_what_stored_results_of(dependent);
        continue;
      }
      const bool stores = object.kind == Kind::Index ||
                          (object.kind == Kind::Constraint && attrs::text(object.attrs, "type") != "f") ||
                          (object.kind == Kind::Column && attrs::optional_text(object.attrs, "generated"));
      const ObjectPlan& plan = state_.at(dependent);
      if (!stores || !plan.to || state_.drops(dependent)) continue;
      recreate(dependent, function_key, "uses " + function_key + ", whose definition changes");
    }
  }

  void drain() {
    while (!pending_.empty()) {
      const std::string dropped = pending_.front();
      pending_.pop_front();
      for (const auto& dependent : state_.from_graph.dependents(dropped)) {
        ObjectPlan& plan = state_.objects.at(dependent);
        if (!plan.to || state_.drops(dependent) || plan.hoisted) continue;
        // PostgreSQL takes it along with the drop (a partition's index attached to a dropped
        // partitioned index): no alter can save it, it has to be created again.
        const bool taken_along = dropped_along_with(dependent, state_).has_value();
        if (plan.fate == Fate::Alter && !taken_along && can_run_early(dependent)) {
          plan.hoisted = true;
          plan.cause = dropped;
          continue;
        }
        recreate(dependent, dropped, "depends on " + dropped + ", which is dropped");
      }
    }
  }

  // An alter can run before the drops when everything its new version needs exists already
  // and stays as it is (nothing it depends on is created or altered later).
  bool can_run_early(const std::string& key) const {
    const model::Object& object = *state_.at(key).to;
    for (const auto& dependency : state_.to_graph.dependencies(key)) {
      if (dependency == object.parent) continue;
      if (state_.fate(dependency) != Fate::Keep) return false;
    }
    return true;
  }

  // The closure may since have pulled a dependency of a hoisted alter into the plan.
  bool unhoist_what_can_no_longer_run_early() {
    bool changed = false;
    for (auto& [key, plan] : state_.objects) {
      if (plan.hoisted && !can_run_early(key)) {
        plan.hoisted = false;
        recreate(key, plan.cause, "depends on " + plan.cause + ", which is dropped");
        changed = true;
      }
    }
    return changed;
  }

  void recreate(const std::string& key, const std::string& cause, std::string reason) {
    ObjectPlan& plan = state_.objects.at(key);
    plan.fate = Fate::Recreate;
    plan.hoisted = false;
    plan.cause = cause;
    plan.outcome = AlterOutcome::recreate_because(std::move(reason));
    pending_.push_back(key);
  }

  // Recreating an object the closure reached is fine unless it holds data that PostgreSQL
  // would not be dropping anyway.
  void check_data_is_kept() {
    for (auto& [key, plan] : state_.objects) {
      if (plan.fate != Fate::Recreate || plan.cause.empty()) continue;
      const model::Object& object = *plan.from;
      const bool owner_recreated = !object.parent.empty() && state_.drops(object.parent);
      switch (object.kind) {
        case Kind::Table: {
          const auto parent = attrs::optional_text(object.attrs, "partition_of");
          if (!parent || !state_.drops(*parent)) refuse(key);
          plan.outcome.destructive = true;
          plan.outcome.destructive_reason = "drops partition " + key.substr(6) + " and its rows with " + *parent;
          plan.outcome.warnings.push_back("partition " + key + " is dropped with " + *parent +
                                          " and created again; its rows are lost");
          break;
        }
        case Kind::Column:
          if (owner_recreated) break;
          if (!attrs::optional_text(object.attrs, "generated")) refuse(key);
          plan.outcome.destructive = true;
          plan.outcome.destructive_reason = "drops generated column " + key.substr(7) + " to add it again";
          plan.outcome.warnings.push_back("generated column " + key + " is dropped and added again (" +
                                          plan.outcome.recreate_reason + "); it moves to the end of its table");
          break;
        case Kind::Sequence:
          refuse(key);
          break;
        default:
          break;
      }
    }
  }

  // Follows the causes back to the change that started it all.
  std::string root_of(std::string key) const {
    while (!state_.at(key).cause.empty()) key = state_.at(key).cause;
    return key;
  }

  std::string why(const std::string& root) const {
    const ObjectPlan& plan = state_.at(root);
    if (plan.fate == Fate::Drop) return "removed";
    if (plan.fate == Fate::Alter) return "type changes";
    return plan.outcome.recreate_reason;
  }

  [[noreturn]] void refuse(const std::string& key) const {
    const std::string root = root_of(key);
    throw DiffError(root, "cannot change " + root + " (" + why(root) + "): " + key +
                              " depends on it and would have to be dropped, losing its data", key);
  }

  PlanState& state_;
  std::deque<std::string> pending_;
};

}  // namespace

void close_over_dependents(PlanState& state) { Closure(state).run(); }

}  // namespace strata::diff
