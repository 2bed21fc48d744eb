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

// The storage a built-in type has by default ("plain", "main", "extended"), "" when unknown.
std::string default_storage(const std::string& type);

}  // namespace strata::diff
