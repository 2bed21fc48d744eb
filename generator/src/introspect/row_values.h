// Reading typed values out of a query row, the way every reader needs them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <pqxx/row>

#include "object_registry.h"

namespace strata::introspect {

std::string text(const pqxx::row& row, const char* column);       // "" when NULL
nlohmann::json text_or_null(const pqxx::row& row, const char* column);
bool boolean(const pqxx::row& row, const char* column);          // false when NULL
Oid oid(const pqxx::row& row, const char* column);               // 0 when NULL
// A json column (the queries build arrays and records with json_agg / json_build_object);
// `when_null` when it is NULL, e.g. json_agg over no rows.
nlohmann::json json(const pqxx::row& row, const char* column,
                    nlohmann::json when_null = nlohmann::json::array());

}  // namespace strata::introspect
