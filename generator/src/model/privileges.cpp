// ACL arithmetic shared by introspection's tests and the diff (docs/model.md, "Owners and
// privileges").
#include <algorithm>
#include <map>

#include "strata/model.h"

namespace strata::model {
namespace {

bool grantable(const std::string& privilege) { return !privilege.empty() && privilege.back() == '*'; }
std::string base(const std::string& privilege) { return grantable(privilege) ? privilege.substr(0, privilege.size() - 1) : privilege; }

// One grantee's privileges: name -> grantable.
std::map<std::string, bool> parsed(const std::vector<std::string>& privileges) {
  std::map<std::string, bool> out;
  for (const auto& privilege : privileges) out[base(privilege)] = out[base(privilege)] || grantable(privilege);
  return out;
}

std::vector<std::string> listed(const std::map<std::string, bool>& privileges) {
  std::vector<std::string> out;
  for (const auto& [name, with_grant_option] : privileges) out.push_back(name + (with_grant_option ? "*" : ""));
  std::sort(out.begin(), out.end());
  return out;
}

void merge_into(Acl& acl, const std::string& grantee, const std::vector<std::string>& privileges) {
  auto both = parsed(acl[grantee]);
  for (const auto& [name, with_grant_option] : parsed(privileges)) both[name] = both[name] || with_grant_option;
  acl[grantee] = listed(both);
}

}  // namespace

std::map<std::string, bool> privileges_of(const Acl& acl, const std::string& grantee) {
  auto it = acl.find(grantee);
  return it == acl.end() ? std::map<std::string, bool>{} : parsed(it->second);
}

Acl default_acl(Kind kind, const std::string& owner) {
  switch (kind) {
    case Kind::Table:
    case Kind::View:
    case Kind::MaterializedView:
      return {{owner, {"DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"}}};
    case Kind::Sequence: return {{owner, {"SELECT", "UPDATE", "USAGE"}}};
    case Kind::Function: return merged({{kPublic, {"EXECUTE"}}}, {{owner, {"EXECUTE"}}});
    case Kind::Type: return merged({{kPublic, {"USAGE"}}}, {{owner, {"USAGE"}}});
    case Kind::Schema: return {{owner, {"CREATE", "USAGE"}}};
    case Kind::ForeignDataWrapper:
    case Kind::ForeignServer: return {{owner, {"USAGE"}}};
    case Kind::Language: return merged({{kPublic, {"USAGE"}}}, {{owner, {"USAGE"}}});
    default: return {};
  }
}

Acl with_owner(const Acl& acl, const std::string& old_owner, const std::string& new_owner) {
  if (old_owner == new_owner) return acl;
  Acl out;
  for (const auto& [grantee, privileges] : acl) merge_into(out, grantee == old_owner ? new_owner : grantee, privileges);
  return out;
}

Acl merged(const Acl& first, const Acl& second) {
  Acl out = first;
  for (const auto& [grantee, privileges] : second) merge_into(out, grantee, privileges);
  return out;
}

std::string default_privileges_objects(Kind kind) {
  switch (kind) {
    case Kind::Table:
    case Kind::View:
    case Kind::MaterializedView: return "tables";
    case Kind::Sequence: return "sequences";
    case Kind::Function: return "functions";
    case Kind::Type: return "types";
    case Kind::Schema: return "schemas";
    default: return "";
  }
}

void narrow(Catalog& catalog, const Scope& scope) {
  if (scope.owners && scope.privileges) return;
  for (auto it = catalog.objects.begin(); it != catalog.objects.end();) {
    Object& object = it->second;
    if (!scope.privileges && object.kind == Kind::DefaultPrivileges) {
      it = catalog.objects.erase(it);
      continue;
    }
    if (!scope.owners) object.owner.clear();
    if (!scope.privileges) {
      object.acl = nullptr;
      if (object.attrs.is_object()) object.attrs.erase("identity_sequence");
    }
    ++it;
  }
}

}  // namespace strata::model
