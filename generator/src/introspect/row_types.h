// Tables, views and materialized views have a row type (and an array of it). Functions, columns
// and views that use that type depend on the relation, so both types are registered as aliases.
#pragma once

#include "context.h"
#include "query_result.h"

namespace strata::introspect {

// Select list and join for a query over pg_class c that reads row types.
inline constexpr const char* kRowTypeColumns = "c.reltype, row_type.typarray AS row_array_type";
inline constexpr const char* kRowTypeJoin = "LEFT JOIN pg_type row_type ON row_type.oid = c.reltype";

// Registers the row type and its array type of the relation read from `row` as parts of it.
void register_row_type(Context& context, const Row& row, model::Object& relation);

}  // namespace strata::introspect
