// The diff engine: catalog A + catalog B -> an ordered plan of changes -> SQL that takes a
// database holding A to exactly B. It reads only the model (strata/model.h); it never touches a
// database. docs/diff.md describes the algorithm.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "strata/model.h"

namespace strata::diff {

// One step of the plan: the statements about one model object in one phase. An object that is
// dropped and created again (a "recreate") contributes a Drop change and a later Create change.
struct Change {
  enum class Action { Create, Drop, Alter, Comment };

  std::string key;                      // the model object it is about
  model::Kind kind = model::Kind::Schema;
  Action action = Action::Alter;
  std::vector<std::string> statements;  // SQL, each without a trailing ';'
  bool destructive = false;             // loses data: drops a table/column/sequence, lossy retype
  std::string summary;                  // one line, e.g. "add column public.users.email"
};

struct Plan {
  std::vector<Change> changes;
  std::vector<std::string> warnings;
};

// A difference the plan cannot express without losing data or without an order that exists,
// e.g. removing an enum label a column still uses, or a dependency cycle.
struct DiffError : std::runtime_error {
  DiffError(std::string object_key, const std::string& message, std::string dependent_key = "");

  std::string object_key;     // the object whose change cannot be expressed
  std::string dependent_key;  // the object standing in the way, when there is one
};

struct Options {};  // room for later (renames, CREATE INDEX CONCURRENTLY, ...)

Plan diff(const model::Catalog& from, const model::Catalog& to, const Options& options = {});

// All statements, each followed by ";\n", after a "SET check_function_bodies = false;" header
// line when the plan creates or replaces functions. Same plan, same bytes.
std::string render_sql(const Plan& plan);

std::string to_string(Change::Action action);

}  // namespace strata::diff
