// Small text helpers shared by the renderers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../catalog_graph.h"
#include "strata/model.h"

namespace strata::diff::sql {

std::string join(const std::vector<std::string>& parts, const std::string& separator);

// schema.name, quoted as needed.
std::string name_of(const model::Object& object);
// The qualified name of the table (or view) that owns a column, constraint, trigger, ...
std::string owner_name(const model::Object& child, const CatalogGraph& graph);

// PostgreSQL's deparsers end some definitions with ';' (pg_get_viewdef, pg_get_ruledef) or a
// newline (pg_get_functiondef); statements in a plan carry neither.
std::string without_terminator(std::string definition);

// Reloptions ("fillfactor=70") as written inside WITH (...): values that are not plain words are
// quoted, the way pg_dump does.
std::string reloption_list(const std::vector<std::string>& options);
std::string reloption_name(const std::string& option);
// What ALTER ... takes to go from one list of reloptions to the other: "RESET (a, b)" for the
// names `to` lacks, then "SET (c=1)" for the options it adds or changes; empty when equal.
std::vector<std::string> reloptions_change(const std::vector<std::string>& from, const std::vector<std::string>& to);

// Foreign-data options ({"host": "db1"}): ` OPTIONS (host 'db1')`, or "" when there are none.
std::string fdw_options_clause(const nlohmann::json* options);
// What ALTER ... OPTIONS takes to go from one set to the other (`OPTIONS (ADD a '1', DROP b)`),
// or "" when they are equal.
std::string fdw_options_change(const nlohmann::json* from, const nlohmann::json* to);

std::string comment_on(const std::string& target, const std::optional<std::string>& comment);

std::string upper(std::string text);  // ASCII only: keywords such as storage modes

}  // namespace strata::diff::sql
