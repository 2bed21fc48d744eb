// Owners and privileges of every modelled object that has them, and the default privileges
// (pg_default_acl). Read after every object exists, and mapped to objects through the registry.
//
// Roles are named as docs/model.md says: the role reading the catalog is CURRENT_USER (what it
// owns belongs to whoever runs the migration), everyone is PUBLIC. ACLs are the effective ones:
// a NULL acl column reads as acldefault() of its kind and owner.
#include <algorithm>

#include "catalog_sql.h"
#include "readers.h"
#include "strata/error.h"

namespace strata::introspect {
namespace {

// A role OID as the model names it.
std::string role_name(const std::string& oid_expression) {
  return "CASE WHEN " + oid_expression + " = 0 THEN 'PUBLIC' WHEN pg_get_userbyid(" + oid_expression +
         ") = current_user THEN 'CURRENT_USER' ELSE pg_get_userbyid(" + oid_expression + ")::text END";
}

// Expression: the aclitem[] `acl` as a JSON array of [grantee, privilege, grantable].
std::string exploded(const std::string& acl) {
  return "(SELECT json_agg(json_build_array(" + role_name("e.grantee") +
         ", e.privilege_type, e.is_grantable)) FROM aclexplode(" + acl + ") e)";
}

model::Acl read_acl(const nlohmann::json& items) {
  model::Acl acl;
  for (const auto& item : items) {
    auto& privileges = acl[item[0].get<std::string>()];
    privileges.push_back(item[1].get<std::string>() + (item[2].get<bool>() ? "*" : ""));
  }
  for (auto& [grantee, privileges] : acl) std::sort(privileges.begin(), privileges.end());
  return acl;
}

bool has_owner(model::Kind kind) {
  switch (kind) {
    case model::Kind::Schema:
    case model::Kind::Type:
    case model::Kind::Sequence:
    case model::Kind::Table:
    case model::Kind::View:
    case model::Kind::MaterializedView:
    case model::Kind::Function:
    case model::Kind::Collation:
    case model::Kind::Statistics:
    case model::Kind::EventTrigger:
    case model::Kind::Publication:
    case model::Kind::TextSearchDictionary:
    case model::Kind::TextSearchConfiguration:
    case model::Kind::Operator:
    case model::Kind::ForeignDataWrapper:
    case model::Kind::ForeignServer:
    case model::Kind::Language:
    case model::Kind::OperatorFamily:
    case model::Kind::OperatorClass: return true;
    default: return false;
  }
}

// An identity column's sequence is part of the column in the model; its privileges (granted by
// GRANT ... ON ALL SEQUENCES, or given by default privileges) are kept on the column when they
// are not the default ones, with the sequence's name to grant on.
void read_identity_sequence_acl(model::Object& column, const std::string& sequence, const std::string& owner,
                                const model::Acl& acl) {
  if (acl == model::default_acl(model::Kind::Sequence, owner)) return;
  column.attrs["identity_sequence"] = {{"name", sequence}, {"acl", model::acl_to_json(acl)}};
}

void read_privileges(Context& context, const QueryResult& rows) {
  const ObjectRegistry& registry = context.registry();
  for (const auto& row : rows) {
    const CatalogAddress address{row.oid("classid"), row.oid("objid"), row.integer("subid")};
    const model::Acl acl = read_acl(row.json("acl"));
    model::Object* object = registry.object_at(address);
    if (object == nullptr) {
      model::Object* part_of = registry.owner_of(address);
      if (part_of == nullptr || registry.is_extension_member(address) || row.is_null("declared_acl")) continue;
      if (part_of->kind == model::Kind::Column && row.text("relkind") == "S") {
        read_identity_sequence_acl(*part_of, row.text("relname"), row.text("owner"), acl);
        continue;
      }
      if (row.integer("subid") == 0 && acl == model::default_acl(part_of->kind, row.text("owner"))) continue;
      if (row.integer("subid") != 0 && acl.empty()) continue;
      // A column of a view, say: the model keeps a view's columns inside the view.
      throw Error("privileges on a part of " + part_of->key + " are not modelled",
                  ErrorInfo{.details = {"on " + row.text("object") + ": " + row.json("acl").dump()},
                            .hint = "grant on the whole object instead"});
    }
    if (object->kind == model::Kind::Column) {
      if (!acl.empty()) object->acl = model::acl_to_json(acl);  // none is the default
      continue;
    }
    if (!has_owner(object->kind)) continue;
    object->owner = row.text("owner");
    if (!row.is_null("acl_kind")) object->acl = model::acl_to_json(acl);
  }
}

// The catalogs of kinds that have an owner and no privileges, and their owner column.
constexpr std::pair<const char*, const char*> kOwnedWithoutPrivileges[] = {
    {"pg_collation", "collowner"}, {"pg_statistic_ext", "stxowner"}, {"pg_event_trigger", "evtowner"},
    {"pg_publication", "pubowner"}, {"pg_ts_dict", "dictowner"},      {"pg_ts_config", "cfgowner"},
    {"pg_operator", "oprowner"},    {"pg_opfamily", "opfowner"},      {"pg_opclass", "opcowner"}};

std::string owners_without_privileges() {
  std::string sql;
  for (const auto& [catalog, owner] : kOwnedWithoutPrivileges) {
    sql += std::string(" UNION ALL SELECT '") + catalog + "'::regclass, oid, 0, " + owner +
           ", NULL, NULL, NULL, NULL FROM " + catalog + " WHERE oid >= 16384";
  }
  return sql;
}

const CodeNames kDefaultObjects = {{"r", "tables"}, {"S", "sequences"}, {"f", "functions"}, {"T", "types"}, {"n", "schemas"}};

void read_default_privileges(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    const std::string role = row.text("role");
    const std::string objects = row.code_name("defaclobjtype", kDefaultObjects);
    const nlohmann::json schema = row.text_or_null("nspname");
    model::Object defaults;
    defaults.kind = model::Kind::DefaultPrivileges;
    defaults.key = model::default_privileges_key(role, schema.is_null() ? "" : schema.get<std::string>(), objects);
    defaults.schema = schema.is_null() ? "" : schema.get<std::string>();
    defaults.name = objects;
    defaults.attrs = Attrs{{"role", role}, {"schema", schema}, {"objects", objects}};
    defaults.acl = model::acl_to_json(read_acl(row.json("acl")));
    if (!schema.is_null()) defaults.depends_on.push_back("schema:" + defaults.schema);
    context.add(std::move(defaults));
  }
}

}  // namespace

std::vector<Reader> privilege_readers() {
  // OIDs below FirstNormalObjectId (16384) are built in; of those, the model holds only the
  // public schema. Columns have no owner of their own; a NULL attacl is no privileges at all.
  return {{"read owners and privileges",
           "SELECT o.classid, o.objid, o.subid, o.relkind, o.relname, o.acl AS declared_acl, o.acl_kind,"
           " pg_describe_object(o.classid, o.objid, o.subid) AS object,"
           " CASE WHEN o.owner <> 0 THEN " + role_name("o.owner") + " END AS owner,"
           " CASE WHEN o.acl_kind IS NOT NULL THEN " +
               exploded("coalesce(o.acl, acldefault(o.acl_kind, o.owner))") + " END AS acl FROM ("
               " SELECT 'pg_class'::regclass::oid AS classid, c.oid AS objid, 0 AS subid, c.relowner AS owner,"
               "  c.relacl AS acl, CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::\"char\" AS acl_kind,"
               "  c.relkind, c.relname"
               "  FROM pg_class c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.oid >= 16384"
               " UNION ALL SELECT 'pg_proc'::regclass, p.oid, 0, p.proowner, p.proacl, 'f', NULL, NULL FROM pg_proc p"
               "  WHERE p.oid >= 16384"
               " UNION ALL SELECT 'pg_namespace'::regclass, n.oid, 0, n.nspowner, n.nspacl, 'n', NULL, NULL FROM pg_namespace n"
               "  WHERE " + sql::is_user_schema("n") +
               " UNION ALL SELECT 'pg_type'::regclass, t.oid, 0, t.typowner, t.typacl, 'T', NULL, NULL FROM pg_type t"
               "  WHERE t.oid >= 16384"
               " UNION ALL SELECT 'pg_class'::regclass, a.attrelid, a.attnum, 0, a.attacl, 'c', NULL, NULL FROM pg_attribute a"
               "  WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND a.attrelid >= 16384"
               " UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, oid, 0, fdwowner, fdwacl, 'F', NULL, NULL"
               "  FROM pg_foreign_data_wrapper WHERE oid >= 16384"
               " UNION ALL SELECT 'pg_foreign_server'::regclass, oid, 0, srvowner, srvacl, 'S', NULL, NULL FROM pg_foreign_server"
               " UNION ALL SELECT 'pg_language'::regclass, oid, 0, lanowner, lanacl, 'l', NULL, NULL FROM pg_language"
               "  WHERE oid >= 16384"
               // Kinds with an owner and no privileges (acl_kind NULL).
               + owners_without_privileges() +
               ") o",
           read_privileges},
          {"read default privileges",
           "SELECT " + role_name("d.defaclrole") + " AS role, n.nspname, d.defaclobjtype, " +
               exploded("d.defaclacl") + " AS acl"
               " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace",
           read_default_privileges}};
}

}  // namespace strata::introspect
