#include "builders.h"

namespace strata::diff::testing {
namespace {

Object make(model::Kind kind, std::string key, std::string schema, std::string name, std::string parent, json attrs) {
  Object object;
  object.kind = kind;
  object.key = std::move(key);
  object.schema = std::move(schema);
  object.name = std::move(name);
  object.parent = std::move(parent);
  object.attrs = std::move(attrs);
  return object;
}

json merged(json base, const json& extra) {
  for (const auto& [name, value] : extra.items()) base[name] = value;
  return base;
}

// "public.users" from table:public.users, for child keys.
std::string dotted(const Object& owner) { return owner.schema + "." + owner.name; }

}  // namespace

Object schema(const std::string& name) {
  return make(model::Kind::Schema, "schema:" + name, "", name, "", json::object());
}

Object table(const std::string& schema_name, const std::string& name, const json& extra) {
  json attrs = {{"persistence", "permanent"}, {"partition_key", nullptr}, {"partition_of", nullptr},
                {"partition_bound", nullptr},  {"inherits", json::array()}, {"rls_enabled", false},
                {"rls_forced", false},         {"options", json::array()},  {"access_method", nullptr}};
  return make(model::Kind::Table, "table:" + schema_name + "." + name, schema_name, name, "", merged(attrs, extra));
}

Object column(const Object& owner, const std::string& name, const std::string& type, int position, const json& extra) {
  json attrs = {{"position", position}, {"type", type},          {"not_null", false},  {"collation", nullptr},
                {"identity", nullptr},  {"identity_options", nullptr}, {"generated", nullptr}, {"inherited", false},
                {"storage", nullptr},   {"compression", nullptr}};
  return make(model::Kind::Column, "column:" + dotted(owner) + "." + name, owner.schema, name, owner.key,
              merged(attrs, extra));
}

Object default_value(const Object& owner, const std::string& column_name, const std::string& expr,
                     const std::vector<std::string>& depends_on) {
  Object object = make(model::Kind::Default, "default:" + dotted(owner) + "." + column_name, owner.schema, column_name,
                       owner.key, {{"expr", expr}});
  object.depends_on = depends_on;
  return object;
}

Object constraint(const Object& owner, const std::string& name, const std::string& type, const std::string& definition,
                  const json& extra) {
  json attrs = {{"type", type},      {"definition", definition}, {"deferrable", false},        {"deferred", false},
                {"validated", true}, {"inherited", false},       {"parent_constraint", nullptr}, {"index", nullptr}};
  return make(model::Kind::Constraint, "constraint:" + dotted(owner) + "." + name, owner.schema, name, owner.key,
              merged(attrs, extra));
}

Object index(const Object& owner, const std::string& name, const std::string& definition, const json& extra) {
  json attrs = {{"definition", definition}, {"unique", false}, {"parent_index", nullptr}};
  return make(model::Kind::Index, "index:" + owner.schema + "." + name, owner.schema, name, owner.key,
              merged(attrs, extra));
}

Object enum_type(const std::string& schema_name, const std::string& name, const std::vector<std::string>& labels) {
  return make(model::Kind::Type, "type:" + schema_name + "." + name, schema_name, name, "",
              {{"type_kind", "enum"}, {"labels", labels}});
}

Object sequence(const std::string& schema_name, const std::string& name, const json& extra) {
  json attrs = {{"data_type", "bigint"}, {"start", "1"}, {"increment", "1"}, {"min", "1"},
                {"max", "9223372036854775807"}, {"cache", "1"}, {"cycle", false}};
  return make(model::Kind::Sequence, "sequence:" + schema_name + "." + name, schema_name, name, "",
              merged(attrs, extra));
}

Object sequence_owner(const Object& owned, const Object& owner_table, const std::string& column_name) {
  Object object = make(model::Kind::SequenceOwner, "seqowner:" + dotted(owned), owned.schema, owned.name, owned.key,
                       {{"table", owner_table.key}, {"column", column_name}});
  object.depends_on = {owned.key, "column:" + dotted(owner_table) + "." + column_name};
  return object;
}

Object view(const std::string& schema_name, const std::string& name, const std::string& definition,
            const json& columns, const json& extra) {
  json attrs = {{"definition", definition}, {"columns", columns}, {"options", json::array()}, {"check_option", nullptr}};
  return make(model::Kind::View, "view:" + schema_name + "." + name, schema_name, name, "", merged(attrs, extra));
}

Object function(const std::string& schema_name, const std::string& name, const std::string& identity_arguments,
                const json& attrs) {
  json base = {{"function_kind", "function"}, {"arguments", identity_arguments}, {"result", nullptr}};
  return make(model::Kind::Function, "function:" + schema_name + "." + name + "(" + identity_arguments + ")",
              schema_name, name, "", merged(base, attrs));
}

Object trigger(const Object& owner, const std::string& name, const std::string& definition, const json& extra) {
  json attrs = {{"definition", definition}, {"enabled", "origin"}, {"parent_trigger", nullptr}};
  return make(model::Kind::Trigger, "trigger:" + dotted(owner) + "." + name, owner.schema, name, owner.key,
              merged(attrs, extra));
}

Object depends(Object object, const std::vector<std::string>& keys) {
  object.depends_on.insert(object.depends_on.end(), keys.begin(), keys.end());
  return object;
}

Object with(Object object, const json& attrs) {
  object.attrs = merged(object.attrs, attrs);
  return object;
}

Object commented(Object object, const std::string& comment) {
  object.comment = comment;
  return object;
}

Catalog db(const std::vector<Object>& objects) {
  Catalog catalog;
  bool has_public = false;
  for (const auto& object : objects) has_public = has_public || object.key == "schema:public";
  if (!has_public) catalog.add(schema("public"));
  for (const auto& object : objects) catalog.add(object);
  return catalog;
}

std::string sql_for(const Catalog& from, const Catalog& to) { return render_sql(diff(from, to)); }

}  // namespace strata::diff::testing
