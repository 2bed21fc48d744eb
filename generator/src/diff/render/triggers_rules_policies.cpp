// Triggers, rules and row-level security policies: the per-table objects written from their
// definitions.
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;
using model::quote_ident;

std::string on_owner(const Object& object, const CatalogGraph& graph) {
  return quote_ident(object.name) + " ON " + sql::owner_name(object, graph);
}

// pg_get_triggerdef does not say whether the trigger fires; ALTER TABLE does.
std::string firing_statement(const Object& trigger, const CatalogGraph& graph) {
  const std::string enabled = attrs::text(trigger.attrs, "enabled");
  std::string action = "ENABLE TRIGGER ";
  if (enabled == "disabled") action = "DISABLE TRIGGER ";
  if (enabled == "replica") action = "ENABLE REPLICA TRIGGER ";
  if (enabled == "always") action = "ENABLE ALWAYS TRIGGER ";
  return "ALTER TABLE " + sql::owner_name(trigger, graph) + " " + action + quote_ident(trigger.name);
}

bool fires_normally(const Object& trigger) {
  const std::string enabled = attrs::text(trigger.attrs, "enabled");
  return enabled.empty() || enabled == "origin";
}

class TriggerRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& trigger, const RenderContext& context) const override {
    std::vector<std::string> statements{sql::without_terminator(attrs::text(trigger.attrs, "definition"))};
    if (!fires_normally(trigger)) statements.push_back(firing_statement(trigger, context.to));
    return statements;
  }
  std::vector<std::string> drop(const Object& trigger, const RenderContext& context) const override {
    return {"DROP TRIGGER " + on_owner(trigger, context.from)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext& context) const override {
    if (!attrs::equal_except(from.attrs, to.attrs, {"enabled", "parent_trigger"})) {
      return AlterOutcome::recreate_because("definition changes");
    }
    AlterOutcome outcome;
    if (attrs::text(from.attrs, "enabled") != attrs::text(to.attrs, "enabled")) {
      outcome.statements.push_back(firing_statement(to, context.to));
    }
    return outcome;
  }
  std::string comment_target(const Object& trigger, const CatalogGraph& graph) const override {
    return "TRIGGER " + on_owner(trigger, graph);
  }
};

class RuleRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& rule, const RenderContext&) const override {
    return {sql::without_terminator(attrs::text(rule.attrs, "definition"))};
  }
  std::vector<std::string> drop(const Object& rule, const RenderContext& context) const override {
    return {"DROP RULE " + on_owner(rule, context.from)};
  }
  AlterOutcome alter(const Object&, const Object&, const RenderContext&) const override {
    return AlterOutcome::recreate_because("definition changes");
  }
  std::string comment_target(const Object& rule, const CatalogGraph& graph) const override {
    return "RULE " + on_owner(rule, graph);
  }
};

class PolicyRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& policy, const RenderContext& context) const override {
    const auto& a = policy.attrs;
    const bool permissive = !attrs::field(a, "permissive") || attrs::flag(a, "permissive");
    std::string sql = "CREATE POLICY " + on_owner(policy, context.to) + (permissive ? " AS PERMISSIVE" : " AS RESTRICTIVE");
    if (auto command = attrs::optional_text(a, "command")) sql += " FOR " + *command;
    std::vector<std::string> roles;
    for (const auto& role : attrs::texts(a, "roles")) roles.push_back(quote_ident(role));  // public stays PUBLIC
    if (!roles.empty()) sql += " TO " + sql::join(roles, ", ");
    if (auto expr = attrs::optional_text(a, "using")) sql += " USING (" + *expr + ")";
    if (auto expr = attrs::optional_text(a, "with_check")) sql += " WITH CHECK (" + *expr + ")";
    return {sql};
  }
  std::vector<std::string> drop(const Object& policy, const RenderContext& context) const override {
    return {"DROP POLICY " + on_owner(policy, context.from)};
  }
  AlterOutcome alter(const Object&, const Object&, const RenderContext&) const override {
    return AlterOutcome::recreate_because("definition changes");
  }
  std::string comment_target(const Object& policy, const CatalogGraph& graph) const override {
    return "POLICY " + on_owner(policy, graph);
  }
};

}  // namespace

const KindRenderer& trigger_renderer() {
  static const TriggerRenderer renderer;
  return renderer;
}

const KindRenderer& rule_renderer() {
  static const RuleRenderer renderer;
  return renderer;
}

const KindRenderer& policy_renderer() {
  static const PolicyRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
