// SQL fragments that several readers' queries share, so that "which rows are in the model" and
// "how a value is rendered" are decided in one place.
#pragma once

#include <string>

namespace strata::introspect::sql {

// Condition: the pg_namespace row `alias` is a user schema (not pg_catalog,
// information_schema, a toast or a temporary schema).
std::string is_user_schema(const std::string& alias);

// Condition: the row `oid_expression` of the system catalog `catalog` (e.g. "pg_class") was not
// created by an extension's script.
std::string is_not_extension_member(const std::string& catalog, const std::string& oid_expression);
// The same for a catalog given as an expression that yields its OID.
std::string is_not_extension_member_of(const std::string& catalog_oid_expression,
                                       const std::string& oid_expression);

// Expression: the collation `collation_oid` as `pg_catalog."C"` (format('%I.%I')), or NULL when
// it is the same as `default_collation_oid` (the type's own collation).
std::string non_default_collation(const std::string& collation_oid,
                                  const std::string& default_collation_oid);

// Expression: the text[] `array` as a JSON array sorted bytewise, NULL when the array is NULL.
std::string sorted_json_array(const std::string& array);
// Foreign-data options (text[] of "name=value") as a JSON object, NULL when there are none.
std::string fdw_options_object(const std::string& options);

// Expression: the pg_sequence row `alias` as a JSON object of the model's sequence options
// (start, increment, min, max, cache as decimal text; cycle as boolean), shared by sequences and
// identity columns.
std::string sequence_options(const std::string& alias);

}  // namespace strata::introspect::sql
