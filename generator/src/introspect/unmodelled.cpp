// User objects the model has no kind for (base and shell types, foreign tables, operators,
// casts, collations, text search objects, event triggers, foreign servers, publications...) are
// refused: a catalog without them would make every diff silently leave them out. Declared
// schemas refuse them earlier, at the statement (load's statement_objects.cpp).
#include "catalog_sql.h"
#include "readers.h"
#include "strata/error.h"

namespace strata::introspect {
namespace {

void refuse_unmodelled_objects(Context&, const QueryResult& rows) {
  if (rows.size() == 0) return;
  std::vector<std::string> objects;
  for (const auto& row : rows) objects.push_back(row.text("object"));
  throw Error("the database holds " + std::to_string(objects.size()) + " object(s) of kinds strata does not model, "
              "first " + objects.front(),
              ErrorInfo{.details = objects,
                        .hint = "strata refuses rather than leave them out of a diff: drop them, or keep this "
                                "database's schema in the tool that owns them"});
}

// Members added (ALTER OPERATOR FAMILY ... ADD) to a family the model leaves out: one PostgreSQL
// has (pg_depend records nothing on a built-in object, so the family column says it), or an
// extension's. An extension adds loose members to its own families too, and pg_depend does not
// tell its members from a user's: a member whose operator or function is a user object outside
// any extension is the user's. (No contrib extension adds members to a built-in family.)
std::string loose_members_of_unmodelled_families(const std::string& catalog, const std::string& prefix,
                                                 const std::string& member, const std::string& member_catalog) {
  const std::string family = "m." + prefix + "family";
  return " UNION ALL SELECT '" + catalog + "'::regclass, m.oid, 0::oid FROM " + catalog + " m WHERE m.oid >= 16384"
         " AND (" + family + " < 16384 OR (NOT " + sql::is_not_extension_member("pg_opfamily", family) +
         "  AND m." + member + " >= 16384 AND " + sql::is_not_extension_member(member_catalog, "m." + member) + "))";
}

}  // namespace

std::vector<Reader> unmodelled_object_readers() {
  // (catalog, object, namespace) of every candidate; namespace 0 for database-wide objects.
  // OIDs below FirstNormalObjectId (16384) are built in.
  return {{"find unmodelled objects",
           "SELECT pg_describe_object(x.classid, x.objid, 0) AS object FROM ("
           " SELECT 'pg_type'::regclass AS classid, t.oid AS objid, t.typnamespace AS namespace"
           "  FROM pg_type t WHERE t.typtype IN ('b', 'p')"
           "  AND NOT EXISTS (SELECT FROM pg_type element WHERE element.typarray = t.oid)"
           " UNION ALL SELECT 'pg_operator'::regclass, oid, oprnamespace FROM pg_operator WHERE oprcode = 0"
           " UNION ALL SELECT 'pg_conversion'::regclass, oid, connamespace FROM pg_conversion"
           " UNION ALL SELECT 'pg_ts_parser'::regclass, oid, prsnamespace FROM pg_ts_parser"
           " UNION ALL SELECT 'pg_ts_template'::regclass, oid, tmplnamespace FROM pg_ts_template"
           " UNION ALL SELECT 'pg_language'::regclass, oid, 0::oid FROM pg_language WHERE NOT lanispl"
           " UNION ALL SELECT 'pg_transform'::regclass, oid, 0::oid FROM pg_transform"
           " UNION ALL SELECT 'pg_user_mapping'::regclass, oid, 0::oid FROM pg_user_mapping"
           " UNION ALL SELECT 'pg_am'::regclass, oid, 0::oid FROM pg_am"
           " UNION ALL SELECT 'pg_subscription'::regclass, oid, 0::oid FROM pg_subscription"
           "  WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())" +
           loose_members_of_unmodelled_families("pg_amop", "amop", "amopopr", "pg_operator") +
           loose_members_of_unmodelled_families("pg_amproc", "amproc", "amproc", "pg_proc") +
           ") x LEFT JOIN pg_namespace n ON n.oid = x.namespace"
           " WHERE x.objid >= 16384 AND (x.namespace = 0 OR " + sql::is_user_schema("n") + ")"
           " AND " + sql::is_not_extension_member_of("x.classid", "x.objid") +
           // Parts of another object (the casts of a range type to its multirange).
           " AND NOT EXISTS (SELECT FROM pg_depend part WHERE part.classid = x.classid"
           "  AND part.objid = x.objid AND part.deptype = 'i')" +
           " ORDER BY 1",
           refuse_unmodelled_objects}};
}

}  // namespace strata::introspect
