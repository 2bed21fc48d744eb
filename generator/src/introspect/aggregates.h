// Aggregates have no pg_get_functiondef; their definition is built from pg_aggregate.
#pragma once

#include <string>

#include "query_result.h"

namespace strata::introspect {

// Select list and join for a query over pg_proc p that reads what aggregate_definition() needs
// (NULLs for anything that is not an aggregate).
extern const char* const kAggregateColumns;
extern const char* const kAggregateJoins;

// "CREATE OR REPLACE AGGREGATE schema.name(args) (\n    SFUNC = ...,\n    STYPE = ...\n)\n",
// with the options in the order pg_dump writes them and only those that differ from the
// defaults, so that two equal aggregates always read the same.
std::string aggregate_definition(const Row& row);

}  // namespace strata::introspect
