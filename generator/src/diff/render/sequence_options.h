// Sequence options, shared by CREATE/ALTER SEQUENCE and identity columns (whose options are the
// same attrs without data_type).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::diff {

// "START WITH 1", "INCREMENT BY 1", "MINVALUE 1", "MAXVALUE 100", "CACHE 1", "NO CYCLE"
std::vector<std::string> sequence_option_clauses(const nlohmann::json& options);
// Only the clauses whose value differs between the two option sets, in the same order.
std::vector<std::string> changed_sequence_option_clauses(const nlohmann::json& from, const nlohmann::json& to);

}  // namespace strata::diff
