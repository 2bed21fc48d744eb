// Random batches of schema changes, made on a live database the way a developer would make
// them, for the S -> S' -> S round-trip property. Deterministic for a given seed and catalog.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "strata/model.h"

namespace strata::roundtrip {

// One change: its SQL, and the renames a developer would declare for it with pragmas (new key ->
// old key, as diff::Options::renames takes them).
struct RandomChange {
  RandomChange(std::string statement = "", std::map<std::string, std::string> declared = {})
      : sql(std::move(statement)), renames(std::move(declared)) {}
  std::string sql;
  std::map<std::string, std::string> renames;
};

// Candidate changes, in the order to try them. Some will fail on the live database (a column
// a view depends on, NULLs under SET NOT NULL): the caller runs each in a savepoint and keeps
// the ones PostgreSQL accepts.
std::vector<RandomChange> random_changes(const model::Catalog& catalog, unsigned seed, int count);

// Runs the candidates on `database`, each in its own savepoint; returns the ones that applied.
std::vector<RandomChange> apply_changes(const std::string& database, const std::vector<RandomChange>& candidates);

}  // namespace strata::roundtrip
