#include "catalog_sql.h"

namespace strata::introspect::sql {

std::string is_user_schema(const std::string& alias) {
  return "(" + alias + ".nspname NOT IN ('pg_catalog', 'information_schema')" +
         " AND " + alias + ".nspname NOT LIKE 'pg\\_toast%'" +
         " AND " + alias + ".nspname NOT LIKE 'pg\\_temp\\_%')";
}

std::string is_not_extension_member(const std::string& catalog, const std::string& oid_expression) {
  return is_not_extension_member_of("'" + catalog + "'::regclass", oid_expression);
}

std::string is_not_extension_member_of(const std::string& catalog_oid_expression,
                                       const std::string& oid_expression) {
  return "NOT EXISTS (SELECT FROM pg_depend member WHERE member.classid = " +
         catalog_oid_expression + " AND member.objid = " + oid_expression +
         " AND member.deptype = 'e')";
}

std::string non_default_collation(const std::string& collation_oid,
                                  const std::string& default_collation_oid) {
  return "(SELECT format('%I.%I', collation_schema.nspname, coll.collname)"
         " FROM pg_collation coll"
         " JOIN pg_namespace collation_schema ON collation_schema.oid = coll.collnamespace"
         " WHERE coll.oid = " + collation_oid + " AND " + collation_oid + " <> " +
         default_collation_oid + ")";
}

std::string sorted_json_array(const std::string& array) {
  return "(SELECT json_agg(element ORDER BY element COLLATE \"C\") FROM unnest(" + array +
         ") element)";
}

std::string fdw_options_object(const std::string& options) {
  return "(SELECT json_object_agg(option_name, option_value) FROM pg_options_to_table(" + options + "))";
}

std::string sequence_options(const std::string& alias) {
  const std::string s = alias + ".";
  return "json_build_object('start', " + s + "seqstart::text, 'increment', " + s +
         "seqincrement::text, 'min', " + s + "seqmin::text, 'max', " + s +
         "seqmax::text, 'cache', " + s + "seqcache::text, 'cycle', " + s + "seqcycle)";
}

}  // namespace strata::introspect::sql
