// Sequence options, shared by CREATE/ALTER SEQUENCE and identity columns (whose options are the
// same attrs without data_type).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::diff {

// "START WITH 5", "MAXVALUE 100", "CYCLE": only the options that differ from what PostgreSQL
// would choose for a sequence of `data_type` (smallint, integer or bigint) without them.
std::vector<std::string> sequence_option_clauses(const nlohmann::json& options, const std::string& data_type);
// Only the clauses whose value differs between the two option sets, in the same order.
std::vector<std::string> changed_sequence_option_clauses(const nlohmann::json& from, const nlohmann::json& to);

}  // namespace strata::diff
