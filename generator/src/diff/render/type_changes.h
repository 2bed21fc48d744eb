// Which column type changes keep every value exactly, so ALTER COLUMN ... TYPE needs no USING
// clause and is not destructive. Without a database the diff cannot look up casts, so this is a
// short list of well-known widenings; every other change is written with USING col::newtype
// and flagged destructive.
#pragma once

#include <string>

namespace strata::diff {

bool is_lossless_type_change(const std::string& from_type, const std::string& to_type);

// Whether ALTER COLUMN ... TYPE rewrites the whole table (true unless binary coercible:
// varchar/text widenings, numeric precision widenings). Unknown types: true.
bool type_change_rewrites_table(const std::string& from_type, const std::string& to_type);

// Whether a non-lossless change is written with USING col::newtype. Not between types of one
// family that differ in length or precision (varchar(10) -> varchar(3), text -> varchar(3),
// bit varying(8) -> bit varying(4), numeric(10,2) -> numeric(5,2)): an explicit cast to a shorter
// string or bit string truncates silently, while the assignment cast ALTER TYPE uses without
// USING fails on a value that does not fit, which is what a migration must do.
bool needs_explicit_cast(const std::string& from_type, const std::string& to_type);

// The storage a built-in type has by default ("plain", "main", "extended"), "" when unknown.
std::string default_storage(const std::string& type);

}  // namespace strata::diff
