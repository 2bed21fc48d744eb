#include "privileges.h"

#include <algorithm>
#include <map>

#include "attrs.h"
#include "render/sql_text.h"

namespace strata::diff {
namespace {

using model::Acl;
using model::Kind;
using model::Object;

std::string role_sql(const std::string& role) {
  return role == model::kPublic || role == model::kCurrentUser ? role : model::quote_ident(role);
}

// How one kind of GRANT is written: `prefix` + GRANT privileges ON `on` TO grantee, each privilege
// followed by `column` ("SELECT (email)").
struct GrantTarget {
  std::string on;
  std::string column;
  std::string prefix;
};

std::string privilege_list(const std::vector<std::string>& names, const std::string& column) {
  std::vector<std::string> parts;
  for (const auto& name : names) parts.push_back(name + column);
  return sql::join(parts, ", ");
}

// The GRANT and REVOKE statements that take `before` to `after`, revokes first.
std::vector<std::string> acl_statements(const Acl& before, const Acl& after, const GrantTarget& target) {
  std::vector<std::string> revokes;
  std::vector<std::string> grants;
  std::set<std::string> grantees;
  for (const auto& [grantee, privileges] : before) grantees.insert(grantee);
  for (const auto& [grantee, privileges] : after) grantees.insert(grantee);
  for (const auto& grantee : grantees) {
    const auto had = model::privileges_of(before, grantee);
    const auto wants = model::privileges_of(after, grantee);
    std::vector<std::string> revoke, revoke_option, grant, grant_option;
    for (const auto& [name, option] : had) {
      auto it = wants.find(name);
      if (it == wants.end()) revoke.push_back(name);
      else if (option && !it->second) revoke_option.push_back(name);
    }
    for (const auto& [name, option] : wants) {
      auto it = had.find(name);
      if (it != had.end() && (it->second || !option)) continue;
      (option ? grant_option : grant).push_back(name);
    }
    const std::string who = role_sql(grantee);
    const std::string on = " ON " + target.on;
    if (!revoke.empty()) revokes.push_back(target.prefix + "REVOKE " + privilege_list(revoke, target.column) + on + " FROM " + who);
    if (!revoke_option.empty()) {
      revokes.push_back(target.prefix + "REVOKE GRANT OPTION FOR " + privilege_list(revoke_option, target.column) + on +
                        " FROM " + who);
    }
    if (!grant.empty()) grants.push_back(target.prefix + "GRANT " + privilege_list(grant, target.column) + on + " TO " + who);
    if (!grant_option.empty()) {
      grants.push_back(target.prefix + "GRANT " + privilege_list(grant_option, target.column) + on + " TO " + who +
                       " WITH GRANT OPTION");
    }
  }
  revokes.insert(revokes.end(), grants.begin(), grants.end());
  return revokes;
}

// GRANT ... ON TABLE covers views, materialized views and foreign tables; ON FUNCTION covers
// aggregates; servers are FOREIGN SERVER there.
std::string grant_on(const std::string& comment_target) {
  for (const std::string word : {"MATERIALIZED VIEW ", "VIEW ", "FOREIGN TABLE "}) {
    if (comment_target.rfind(word, 0) == 0) return "TABLE " + comment_target.substr(word.size());
  }
  if (comment_target.rfind("AGGREGATE ", 0) == 0) return "FUNCTION " + comment_target.substr(10);
  if (comment_target.rfind("SERVER ", 0) == 0) return "FOREIGN " + comment_target;
  return comment_target;
}

const Object* find_default(const std::vector<Object>& defaults, const std::string& key) {
  for (const auto& object : defaults) {
    if (object.key == key) return &object;
  }
  return nullptr;
}

class PrivilegePlanner {
 public:
  PrivilegePlanner(const PlanState& state, const RenderContext& context, const std::vector<Object>& from_defaults)
      : state_(state), context_(context), from_defaults_(from_defaults) {}

  // Owners first: ALTER TABLE ... OWNER TO also moves the table's sequences, whose privileges
  // come after.
  std::vector<Change> changes() {
    std::vector<Change> owners;
    std::vector<Change> grants;
    for (const auto& [key, plan] : state_.objects) {
      if (!plan.to) continue;
      const Object& object = *plan.to;
      if (!object.owner.empty() && object.owner != owner_before(key)) {
        if (!owner_follows_table(object)) {
          owners.push_back(change(object, "ALTER " + target(object) + " OWNER TO " + role_sql(object.owner),
                                  "set owner of"));
        }
      }
      if (object.kind == Kind::Column) {
        if (auto statements = identity_sequence_statements(key); !statements.empty()) {
          Change grant = change(object, "", "change privileges on the identity sequence of");
          grant.statements = std::move(statements);
          grants.push_back(std::move(grant));
        }
      }
      // A column without privileges of its own has none (null); other kinds without an ACL are
      // kinds that have none, or a catalog read without privileges.
      if (object.acl.is_null() && (object.kind != Kind::Column || !plan.from || plan.from->acl.is_null())) continue;
      auto statements = acl_statements(acl_before(key), model::acl_from_json(object.acl), grant_target(object));
      if (statements.empty()) continue;
      Change grant = change(object, "", "change privileges on");
      grant.statements = std::move(statements);
      grants.push_back(std::move(grant));
    }
    owners.insert(owners.end(), grants.begin(), grants.end());
    return owners;
  }

 private:
  std::string target(const Object& object) const {
    return renderer_for(object.kind).comment_target(object, context_.to);
  }

  GrantTarget grant_target(const Object& object) const {
    if (object.kind == Kind::Column) {
      return {"TABLE " + sql::owner_name(object, context_.to), " (" + model::quote_ident(object.name) + ")", ""};
    }
    return {grant_on(target(object)), "", ""};
  }

  // A sequence OWNED BY a column has its table's owner; ALTER SEQUENCE ... OWNER TO refuses it.
  bool owner_follows_table(const Object& object) const {
    return object.kind == Kind::Sequence &&
           context_.to.find("seqowner:" + object.key.substr(object.key.find(':') + 1)) != nullptr;
  }

  // Whether the plan makes `key` anew: created, recreated, or a type swapped for a new one under
  // its columns (which starts with CREATE TYPE's owner and privileges too).
  bool made_anew(const std::string& key) const {
    const ObjectPlan& plan = state_.at(key);
    return state_.builds(key) || !plan.from || (plan.fate == Fate::Alter && plan.outcome.swaps_type);
  }

  // The owner `key` has when the other steps are done: whoever runs the migration for what it
  // creates, else its owner in A.
  std::string owner_before(const std::string& key) const {
    const ObjectPlan& plan = state_.at(key);
    if (made_anew(key)) return model::kCurrentUser;
    return plan.from->owner.empty() ? plan.to->owner : plan.from->owner;
  }

  // Its privileges at that point, under its owner in B (ALTER ... OWNER TO carries them over).
  Acl acl_before(const std::string& key) const {
    const ObjectPlan& plan = state_.at(key);
    const Object& object = *plan.to;
    if (object.kind == Kind::Column) {
      // A column's privileges move with its table's owner.
      const Acl before = state_.builds(key) || !plan.from ? Acl{} : model::acl_from_json(plan.from->acl);
      const ObjectPlan* table = table_of(object);
      if (table == nullptr || table->to->owner.empty()) return before;
      return model::with_owner(before, owner_before(object.parent), table->to->owner);
    }
    const std::string owner = owner_before(key);
    Acl before;
    if (made_anew(key)) before = initial_acl(object);
    else if (plan.from->acl.is_null()) before = model::default_acl(object.kind, owner);
    else before = model::acl_from_json(plan.from->acl);
    return object.owner.empty() ? before : model::with_owner(before, owner, object.owner);
  }

  // An identity column's sequence: its privileges when they are not the default ones.
  std::vector<std::string> identity_sequence_statements(const std::string& key) const {
    const ObjectPlan& plan = state_.at(key);
    const Object& column = *plan.to;
    if (!attrs::optional_text(column.attrs, "identity")) return {};
    const ObjectPlan* table = table_of(column);
    const std::string owner = table && !table->to->owner.empty() ? table->to->owner : model::kCurrentUser;
    const auto acl_in = [&](const Object* object, const std::string& of_owner) {
      if (object && object->attrs.contains("identity_sequence")) {
        return model::acl_from_json(object->attrs["identity_sequence"]["acl"]);
      }
      return model::default_acl(Kind::Sequence, of_owner);
    };
    const bool built = state_.builds(key) || !plan.from || !attrs::optional_text(plan.from->attrs, "identity");
    Acl before = built ? initial_acl(Kind::Sequence, column.schema) : acl_in(plan.from, owner_before(column.parent));
    before = model::with_owner(before, built ? model::kCurrentUser : owner_before(column.parent), owner);
    const Acl after = acl_in(&column, owner);
    if (before == after) return {};
    if (!column.attrs.contains("identity_sequence")) {
      // Back to the default: the name is not in B, but A has it.
      if (!plan.from || !plan.from->attrs.contains("identity_sequence")) return {};
      return acl_statements(before, after, {"SEQUENCE " + model::qualified_name(column.schema, attrs::text(plan.from->attrs["identity_sequence"], "name")), "", ""});
    }
    return acl_statements(before, after,
                          {"SEQUENCE " + model::qualified_name(column.schema, attrs::text(column.attrs["identity_sequence"], "name")), "", ""});
  }

  const ObjectPlan* table_of(const Object& column) const {
    auto it = state_.objects.find(column.parent);
    return it == state_.objects.end() || !it->second.to ? nullptr : &it->second;
  }

  // What CREATE gives an object: A's default privileges of the migrating role (for its schema,
  // unless the plan recreates the schema, which drops them), else acldefault().
  Acl initial_acl(const Object& object) const { return initial_acl(object.kind, object.schema); }
  Acl initial_acl(Kind kind, const std::string& schema) const {
    const std::string objects = model::default_privileges_objects(kind);
    const std::string role = model::kCurrentUser;
    if (objects.empty()) return model::default_acl(kind, role);  // no default privileges for the kind
    const Object* global = find_default(from_defaults_, model::default_privileges_key(role, "", objects));
    Acl acl = global ? model::acl_from_json(global->acl) : model::default_acl(kind, role);
    if (kind != Kind::Schema && !state_.builds("schema:" + schema)) {
      if (const Object* in_schema = find_default(from_defaults_, model::default_privileges_key(role, schema, objects))) {
        acl = model::merged(acl, model::acl_from_json(in_schema->acl));
      }
    }
    return acl;
  }

  Change change(const Object& object, const std::string& statement, const std::string& verb) const {
    Change change;
    change.key = object.key;
    change.kind = object.kind;
    change.action = Change::Action::Alter;
    if (!statement.empty()) change.statements.push_back(statement);
    const std::string name = object.key.substr(object.key.find(':') + 1);
    change.summary = verb + " " + model::to_string(object.kind) + " " + name;
    if (verb == "set owner of") change.summary += " to " + object.owner;
    return change;
  }

  const PlanState& state_;
  const RenderContext& context_;
  const std::vector<Object>& from_defaults_;
};

// ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT ... ON TABLES TO ...
std::vector<Change> default_privilege_changes(const PlanState& state, const std::vector<Object>& from,
                                              const std::vector<Object>& to) {
  std::map<std::string, std::pair<const Object*, const Object*>> both;
  for (const auto& object : from) both[object.key].first = &object;
  for (const auto& object : to) both[object.key].second = &object;
  std::vector<Change> changes;
  for (const auto& [key, pair] : both) {
    const Object& object = pair.second ? *pair.second : *pair.first;
    const std::string role = attrs::text(object.attrs, "role");
    const auto schema = attrs::optional_text(object.attrs, "schema");
    const std::string objects = attrs::text(object.attrs, "objects");
    // Entries for a schema go with it when it is dropped.
    const bool schema_dropped = schema && state.drops("schema:" + *schema);
    if (schema_dropped && !pair.second) continue;
    Acl none;
    if (!schema) {
      for (Kind kind : {Kind::Table, Kind::Sequence, Kind::Function, Kind::Type, Kind::Schema}) {
        if (model::default_privileges_objects(kind) == objects) none = model::default_acl(kind, role);
      }
    }
    const Acl before = pair.first && !schema_dropped ? model::acl_from_json(pair.first->acl) : none;
    const Acl after = pair.second ? model::acl_from_json(pair.second->acl) : none;
    std::string prefix = "ALTER DEFAULT PRIVILEGES ";
    if (role != model::kCurrentUser) prefix += "FOR ROLE " + role_sql(role) + " ";
    if (schema) prefix += "IN SCHEMA " + model::quote_ident(*schema) + " ";
    auto statements = acl_statements(before, after, GrantTarget{sql::upper(objects), "", prefix});
    if (statements.empty()) continue;
    Change change;
    change.key = key;
    change.kind = Kind::DefaultPrivileges;
    change.action = Change::Action::Alter;
    change.statements = std::move(statements);
    change.summary = "change default privileges of " + key.substr(key.find(':') + 1);
    changes.push_back(std::move(change));
  }
  return changes;
}

}  // namespace

bool has_default_privileges(const model::Catalog& catalog) {
  return std::any_of(catalog.objects.begin(), catalog.objects.end(),
                     [](const auto& entry) { return entry.second.kind == Kind::DefaultPrivileges; });
}

std::vector<Object> take_default_privileges(model::Catalog& catalog) {
  std::vector<Object> taken;
  for (auto it = catalog.objects.begin(); it != catalog.objects.end();) {
    if (it->second.kind == Kind::DefaultPrivileges) {
      taken.push_back(std::move(it->second));
      it = catalog.objects.erase(it);
    } else {
      ++it;
    }
  }
  return taken;
}

std::vector<Change> privilege_changes(const PlanState& state, const RenderContext& context,
                                      const std::vector<Object>& from_defaults, const std::vector<Object>& to_defaults) {
  auto changes = PrivilegePlanner(state, context, from_defaults).changes();
  auto defaults = default_privilege_changes(state, from_defaults, to_defaults);
  changes.insert(changes.end(), defaults.begin(), defaults.end());
  return changes;
}

}  // namespace strata::diff
