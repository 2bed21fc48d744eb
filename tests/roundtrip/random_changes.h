// Random batches of schema changes, made on a live database the way a developer would make
// them, for the S -> S' -> S round-trip property. Deterministic for a given seed and catalog.
#pragma once

#include <string>
#include <vector>

#include "strata/model.h"

namespace strata::roundtrip {

// Candidate statements, in the order to try them. Some will fail on the live database (a column
// a view depends on, NULLs under SET NOT NULL): the caller runs each in a savepoint and keeps
// the ones PostgreSQL accepts.
std::vector<std::string> random_changes(const model::Catalog& catalog, unsigned seed, int count);

// Runs the candidates on `database`, each in its own savepoint; returns the ones that applied.
std::vector<std::string> apply_changes(const std::string& database, const std::vector<std::string>& candidates);

}  // namespace strata::roundtrip
