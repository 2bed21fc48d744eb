#include "emit.h"

#include "absorption.h"
#include "attrs.h"
#include "render/sql_text.h"
#include "render/tables.h"
#include "summary.h"

namespace strata::diff {
namespace {

using Action = Change::Action;

// What is lost when an object that holds data is dropped.
std::string data_loss(const model::Object& object) {
  const std::string name = object.key.substr(object.key.find(':') + 1);
  switch (object.kind) {
    case model::Kind::Table: return "drops table " + name + " and its rows";
    case model::Kind::Column: return "drops column " + name + " and its data";
    case model::Kind::Sequence: return "drops sequence " + name + " and its current value";
    default: return "drops " + object.key;
  }
}

std::string reason_of(const AlterOutcome& outcome, const std::string& fallback) {
  return outcome.destructive_reason.empty() ? fallback : outcome.destructive_reason;
}

class Emitter {
 public:
  Emitter(const PlanState& state, const RenderContext& context) : state_(state), context_(context) {}

  void drop_phase(const std::vector<std::string>& order) {
    for (const auto& key : order) {
      const ObjectPlan& plan = state_.at(key);
      const model::Object& object = *plan.from;
      if (state_.drops(key)) {
        if (drop_is_implicit(key, state_)) continue;
        const KindRenderer& renderer = renderer_for(object.kind);
        const bool recreated = plan.fate == Fate::Recreate;
        const bool holds_data = renderer.holds_data(object);
        const bool destructive = holds_data || plan.outcome.destructive;
        add(key, object, Action::Drop, renderer.drop(object, context_), destructive,
            recreated ? "to recreate: " + plan.outcome.recreate_reason : "", "",
            destructive ? (plan.outcome.destructive ? reason_of(plan.outcome, data_loss(object)) : data_loss(object)) : "");
      } else if (plan.fate == Fate::Alter && !alter_is_implicit(key, state_)) {
        std::vector<std::string> statements = plan.outcome.before_drops;
        if (plan.hoisted) statements.insert(statements.end(), plan.outcome.statements.begin(), plan.outcome.statements.end());
        const bool destructive = plan.hoisted && plan.outcome.destructive;
        add(key, object, Action::Alter, statements, destructive, plan.hoisted ? "before " + plan.cause + " is dropped" : "",
            "", destructive ? reason_of(plan.outcome, "may lose data") : "");
      }
    }
  }

  void create_phase(const std::vector<Step>& order) {
    for (const auto& step : order) {
      const ObjectPlan& plan = state_.at(step.key);
      const model::Object& object = *plan.to;
      if (step.attach_partition) {
        if (attrs::optional_text(object.attrs, "partition_of")) {
          add(step.key, object, Action::Alter, {attach_partition_statement(object, context_.to)}, false, "",
              summarize_attach(object));
        } else {
          add(step.key, object, Action::Alter, inherit_statements(*plan.from, object, context_.to), false, "new parents");
        }
      } else if (state_.builds(step.key)) {
        if (create_is_implicit(step.key, state_, context_)) continue;
        add(step.key, object, Action::Create, renderer_for(object.kind).create(object, context_), false,
            plan.fate == Fate::Recreate ? "recreated: " + plan.outcome.recreate_reason : "");
      } else if (plan.fate == Fate::Alter && !plan.hoisted && !alter_is_implicit(step.key, state_)) {
        add(step.key, object, Action::Alter, plan.outcome.statements, plan.outcome.destructive, "", "",
            plan.outcome.destructive ? reason_of(plan.outcome, "may lose data") : "");
      }
    }
  }

  // COMMENT ON for new and rebuilt objects that have one, and for kept ones whose comment changed;
  // the same for the comments on their parts (a view's column, a domain's constraint...).
  void comment_phase(const std::vector<Step>& order) {
    for (const auto& step : order) {
      if (step.attach_partition) continue;
      const ObjectPlan& plan = state_.at(step.key);
      const model::Object& object = *plan.to;
      const bool rebuilt = state_.builds(step.key);
      part_comments(object, rebuilt || !plan.from ? nullptr : plan.from);
      if (rebuilt ? !object.comment : plan.from->comment == object.comment) continue;
      const std::string target = renderer_for(object.kind).comment_target(object, context_.to);
      if (target.empty()) continue;
      add(step.key, object, Action::Comment, {sql::comment_on(target, object.comment)}, false, "");
    }
  }

  void part_comments(const model::Object& object, const model::Object* before) {
    const nlohmann::json& has = attrs::object_or_empty(&object.attrs, "part_comments");
    const auto changes = attrs::keyed_changes(attrs::object_or_empty(before ? &before->attrs : nullptr, "part_comments"), has);
    std::vector<std::string> statements;
    for (const auto& target : changes.set) statements.push_back(sql::comment_on(target, has[target].get<std::string>()));
    for (const auto& target : changes.removed) statements.push_back(sql::comment_on(target, std::nullopt));
    add(object.key, object, Action::Comment, std::move(statements), false, "", "comment on parts of " + object.key);
  }

  Plan finish() {
    for (const auto& [key, plan] : state_.objects) {
      for (const auto& warning : plan.outcome.warnings) plan_.warnings.push_back(warning);
    }
    return std::move(plan_);
  }

 private:
  void add(const std::string& key, const model::Object& object, Action action, std::vector<std::string> statements,
           bool destructive, const std::string& note, std::string summary = "", std::string reason = "") {
    if (statements.empty()) return;
    Change change;
    change.key = key;
    change.kind = object.kind;
    change.action = action;
    change.statements = std::move(statements);
    change.destructive = destructive;
    change.destructive_reason = std::move(reason);
    change.summary = summary.empty() ? summarize(action, object, note) : std::move(summary);
    plan_.changes.push_back(std::move(change));
  }

  const PlanState& state_;
  const RenderContext& context_;
  Plan plan_;
};

}  // namespace

Plan emit(const PlanState& state, const std::vector<std::string>& drop_order, const std::vector<Step>& create_order,
          const RenderContext& context) {
  Emitter emitter(state, context);
  emitter.drop_phase(drop_order);
  emitter.create_phase(create_order);
  emitter.comment_phase(create_order);
  return emitter.finish();
}

}  // namespace strata::diff
