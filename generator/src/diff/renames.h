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
  model::Catalog catalog;               // A with the renames applied (when `applied`)
  std::vector<Change> renames;          // the RENAME statements, tables first, to run before anything else
  bool applied = false;                 // false: nothing was declared renamed, A is used as it is
};

// A rename's change: one statement on `object` (its key in B), in the plan before anything else.
Change rename_change(const model::Object& object, std::string statement, std::string summary);

// Options::renames (objects), then Options::label_renames (enum labels). Throws DiffError when a
// rename names an unknown object or label, mixes kinds, or its new name is taken in A.
RenamedCatalog apply_renames(const model::Catalog& from, const model::Catalog& to, const Options& options);

// Hints for what looks like an undeclared rename (rename_hints.cpp): one object of a kind dropped
// and one created alike in its place (a column on the same table with the same type; a table
// with the same columns, in any schema; a view with the same columns; ...), naming the pragma
// that keeps it. A is as rewritten by the declared renames.
std::vector<std::string> rename_hints(const model::Catalog& from, const model::Catalog& to);

}  // namespace strata::diff
