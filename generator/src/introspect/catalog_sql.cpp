#include "catalog_sql.h"

namespace strata::introspect::sql {

std::string is_user_schema(const std::string& alias) {
  return "(" + alias + ".nspname NOT IN ('pg_catalog', 'information_schema')" +
         " AND " + alias + ".nspname NOT LIKE 'pg\\_toast%'" +
         " AND " + alias + ".nspname NOT LIKE 'pg\\_temp\\_%')";
}

std::string is_not_extension_member(const std::string& catalog, const std::string& oid_expression) {
  return "NOT EXISTS (SELECT FROM pg_depend member WHERE member.classid = '" + catalog +
         "'::regclass AND member.objid = " + oid_expression + " AND member.deptype = 'e')";
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

const char* const kSequenceOptionColumns =
    "s.seqstart::text AS seq_start, s.seqincrement::text AS seq_increment,"
    " s.seqmin::text AS seq_min, s.seqmax::text AS seq_max, s.seqcache::text AS seq_cache,"
    " s.seqcycle AS seq_cycle";

}  // namespace strata::introspect::sql
