// Declared renames (Options::renames): catalog A is rewritten as it will look after the
// `ALTER TABLE ... RENAME` statements, so the rest of the pipeline compares a renamed table or
// column (and everything under or over it) with its B version as the same object.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "strata/diff.h"
#include "strata/model.h"

namespace strata::diff {

struct RenamedCatalog {
  model::Catalog catalog;               // A with the renames applied (empty when there are none)
  std::vector<Change> renames;          // the RENAME statements, tables first, to run before anything else
};

// Throws DiffError when a rename names an unknown object, mixes kinds, or its new name is taken in A.
RenamedCatalog apply_renames(const model::Catalog& from, const model::Catalog& to,
                             const std::map<std::string, std::string>& renames);

// Enum labels renamed (Options::label_renames) in `catalog` (A, already renamed): its types'
// labels, and the `'old'::type` constants in its definitions, as they will be after the RENAME
// VALUE statements it returns. A rename A has already had lapses quietly; a label in neither
// version of the type is a DiffError.
std::vector<Change> apply_label_renames(model::Catalog& catalog,
                                        const std::map<std::string, std::map<std::string, std::string>>& renames);

// "column 'mail' dropped and 'email' added with the same type" hints for tables kept in both
// catalogs (A as rewritten by the renames).
std::vector<std::string> rename_hints(const model::Catalog& from, const model::Catalog& to);

}  // namespace strata::diff
