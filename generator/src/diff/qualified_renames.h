// Declared renames of schemas, types and functions (`-- strata:renamed-from` on CREATE SCHEMA,
// TYPE, DOMAIN or FUNCTION). PostgreSQL refers to them by OID, so after ALTER SCHEMA / TYPE /
// ROUTINE ... RENAME every deparsed definition that named the old name names the new one:
// catalog A is rewritten the same way (keys, parents, dependencies, and the SQL in attrs outside
// string constants and dollar-quoted bodies, which PostgreSQL keeps as written).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "strata/diff.h"
#include "strata/model.h"

namespace strata::diff {

struct QualifiedRenames {
  model::Catalog catalog;                          // A after the schema, type and function renames
  std::vector<Change> renames;                     // their statements: schemas, then types, then functions
  std::map<std::string, std::string> other_renames;  // the rest of `renames`, old keys as `catalog` has them
};

// Takes the schema, type and function entries of Options::renames (new key -> old key; a function
// is named without its argument types and every overload B also has is renamed). Throws DiffError
// for a rename whose old or new object is missing, or whose new name A already has.
QualifiedRenames rename_qualified(const model::Catalog& from, const model::Catalog& to,
                                  const std::map<std::string, std::string>& renames);

}  // namespace strata::diff
