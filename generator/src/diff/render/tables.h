// Partition attachment, which the planner schedules as its own step (see docs/diff.md).
#pragma once

#include <string>

#include "kind_renderer.h"

namespace strata::diff {

// The table stops or starts being a partition, moves to another parent or gets another bound:
// it is detached in the drop phase (when it was a partition) and attached in the create phase
// (when it is one now).
bool partition_attachment_changes(const model::Object& from, const model::Object& to);

// Whether CREATE TABLE lists the column: a partition is created standalone and then attached,
// so it lists them all; an inheritance child gets its inherited columns from INHERITS.
bool declared_in_create_table(const model::Object& column, const model::Object& table);

// ALTER TABLE ONLY parent ATTACH PARTITION child <bound>, from the partition's target version.
std::string attach_partition_statement(const model::Object& partition, const CatalogGraph& graph);
// A kept table that gains INHERITS parents: linked at the plan's attach step, after its columns.
bool inheritance_grows(const model::Object& from, const model::Object& to);
std::vector<std::string> inherit_statements(const model::Object& from, const model::Object& to, const CatalogGraph& graph);

}  // namespace strata::diff
