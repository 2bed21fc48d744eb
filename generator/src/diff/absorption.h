// Where one object's statement covers another's, so the plan writes nothing for the second:
// DROP TABLE drops its columns, constraints, indexes, triggers, rules, policies and partitions;
// dropping a column drops its default and the sequences it owns; CREATE TABLE writes its
// columns; a parent table's recursive ALTER TABLE adds, drops and alters inherited columns
// and constraints. The ordering still places such objects, so what depends on them waits.
#pragma once

#include <optional>
#include <string>

#include "plan_state.h"

namespace strata::diff {

// The dropped object whose drop takes this one with it, if any.
std::optional<std::string> dropped_along_with(const std::string& key, const PlanState& state);
bool drop_is_implicit(const std::string& key, const PlanState& state);

// Created by another statement of the plan (CREATE TABLE, INHERITS, the parent's ADD COLUMN,
// or the column's definition for an inlined default).
bool create_is_implicit(const std::string& key, const PlanState& state, const RenderContext& context);
// Altered by the parent table's recursive ALTER TABLE.
bool alter_is_implicit(const std::string& key, const PlanState& state);

}  // namespace strata::diff
