// Column text shared by CREATE TABLE (tables.cpp) and ADD COLUMN (columns.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kind_renderer.h"

namespace strata::diff {

// name type [COMPRESSION m] [COLLATE c] [GENERATED ...] [DEFAULT expr] [NOT NULL]
std::string column_definition(const model::Object& column, const std::optional<std::string>& default_expr);
// What CREATE TABLE / ADD COLUMN cannot say (SET STORAGE), as ALTER TABLE statements.
std::vector<std::string> column_followups(const model::Object& column, const std::string& table_name);
// The expression of the column's default when the planner chose to write it inline.
std::optional<std::string> inlined_default(const model::Object& column, const RenderContext& context);

}  // namespace strata::diff
