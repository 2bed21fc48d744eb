#include "strata/model.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace strata::model {
namespace {

constexpr std::array<std::pair<Kind, const char*>, 30> kKindNames{{
    {Kind::Schema, "schema"},
    {Kind::Extension, "extension"},
    {Kind::Type, "type"},
    {Kind::Sequence, "sequence"},
    {Kind::Table, "table"},
    {Kind::Column, "column"},
    {Kind::Default, "default"},
    {Kind::Constraint, "constraint"},
    {Kind::Index, "index"},
    {Kind::View, "view"},
    {Kind::MaterializedView, "matview"},
    {Kind::Function, "function"},
    {Kind::Trigger, "trigger"},
    {Kind::Rule, "rule"},
    {Kind::Policy, "policy"},
    {Kind::SequenceOwner, "seqowner"},
    {Kind::Collation, "collation"},
    {Kind::Statistics, "statistics"},
    {Kind::EventTrigger, "event_trigger"},
    {Kind::Publication, "publication"},
    {Kind::TextSearchDictionary, "text_search_dictionary"},
    {Kind::TextSearchConfiguration, "text_search_configuration"},
    {Kind::Cast, "cast"},
    {Kind::Operator, "operator"},
    {Kind::ForeignDataWrapper, "foreign_data_wrapper"},
    {Kind::ForeignServer, "server"},
    {Kind::Language, "language"},
    {Kind::OperatorFamily, "operator_family"},
    {Kind::OperatorClass, "operator_class"},
    {Kind::DefaultPrivileges, "default_privileges"},
}};

}  // namespace

nlohmann::json acl_to_json(const Acl& acl) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [grantee, privileges] : acl) {
    if (!privileges.empty()) json[grantee] = privileges;
  }
  return json;
}

Acl acl_from_json(const nlohmann::json& json) {
  Acl acl;
  if (!json.is_object()) return acl;
  for (const auto& [grantee, privileges] : json.items()) acl[grantee] = privileges.get<std::vector<std::string>>();
  return acl;
}

std::string default_privileges_key(const std::string& role, const std::string& schema, const std::string& objects) {
  return "default_privileges:" + role + (schema.empty() ? "" : " in " + schema) + " on " + objects;
}

std::string key_name(const std::string& key) { return key.substr(key.find(':') + 1); }

std::string to_string(Kind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  throw std::logic_error("unknown object kind");
}

Kind kind_from_string(const std::string& text) {
  for (const auto& [k, name] : kKindNames) {
    if (text == name) return k;
  }
  throw std::runtime_error("unknown object kind '" + text + "'");
}

const Object* Catalog::find(const std::string& key) const {
  auto it = objects.find(key);
  return it == objects.end() ? nullptr : &it->second;
}

void Catalog::add(Object object) {
  std::sort(object.depends_on.begin(), object.depends_on.end());
  object.depends_on.erase(std::unique(object.depends_on.begin(), object.depends_on.end()),
                          object.depends_on.end());
  std::string key = object.key;
  if (!objects.emplace(key, std::move(object)).second) {
    throw std::logic_error("duplicate catalog object '" + key + "'");
  }
}

nlohmann::json Catalog::to_json() const {
  // nlohmann::json's default object type is a sorted std::map, so output is stable.
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, object] : objects) {
    nlohmann::json entry = {
        {"kind", model::to_string(object.kind)},
        {"schema", object.schema},
        {"name", object.name},
        {"attrs", object.attrs},
        {"depends_on", object.depends_on},
    };
    if (!object.parent.empty()) entry["parent"] = object.parent;
    if (object.comment) entry["comment"] = *object.comment;
    if (!object.owner.empty()) entry["owner"] = object.owner;
    if (!object.acl.is_null()) entry["acl"] = object.acl;
    out[key] = std::move(entry);
  }
  return out;
}

Catalog Catalog::from_json(const nlohmann::json& json) { return from_json(nlohmann::json(json)); }

Catalog Catalog::from_json(nlohmann::json&& json) {
  // Taken apart, not copied: a large catalog's attrs are most of its bytes.
  Catalog catalog;
  for (auto& [key, entry] : json.items()) {
    Object object;
    object.key = key;
    object.kind = kind_from_string(entry.at("kind").get<std::string>());
    object.schema = entry.value("schema", "");
    object.name = entry.value("name", "");
    object.parent = entry.value("parent", "");
    if (entry.contains("attrs")) object.attrs = std::move(entry["attrs"]);
    object.depends_on = entry.value("depends_on", std::vector<std::string>{});
    if (entry.contains("comment")) object.comment = entry.at("comment").get<std::string>();
    object.owner = entry.value("owner", "");
    if (entry.contains("acl")) object.acl = std::move(entry["acl"]);
    catalog.add(std::move(object));
  }
  return catalog;
}

}  // namespace strata::model
