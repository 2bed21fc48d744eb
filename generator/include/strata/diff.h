// The diff engine: catalog A + catalog B -> an ordered plan of changes -> SQL that takes a
// database holding A to exactly B. It reads only the model (strata/model.h); it never touches a
// database. docs/diff.md describes the algorithm.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "strata/error.h"
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
  std::string destructive_reason;       // why, when destructive ("drops column ... and its data")
  bool approved = false;                // destructive, and approved (Options::allow_destructive,
                                        // or the object or its table in approved_destructive)
  // Must run outside a transaction block (CREATE INDEX CONCURRENTLY) or should run after the
  // main transaction (VALIDATE CONSTRAINT of a constraint added NOT VALID): `strata generate`
  // writes these changes into a second, no-transaction migration.
  bool after_transaction = false;
  std::string summary;                  // one line, e.g. "add column public.users.email"
};

struct Plan {
  std::vector<Change> changes;
  std::vector<std::string> warnings;
  std::vector<std::string> hints;  // e.g. a dropped and an added column that look like a rename
};

// A difference the plan cannot express without losing data or without an order that exists,
// e.g. removing an enum label a column still uses, or a dependency cycle.
struct DiffError : Error {
  DiffError(std::string object_key, const std::string& message, std::string dependent_key = "");

  std::string object_key;     // the object whose change cannot be expressed
  std::string dependent_key;  // the object standing in the way, when there is one
};

struct Options {
  // Renames declared in the target schema (`-- strata:renamed-from old_name`): key of the object
  // in B -> key of the same object in A. Tables and columns (and whatever a rename carries
  // along: a table's columns, constraints, indexes, defaults ... keep their data and identity).
  std::map<std::string, std::string> renames;
  // Enum labels renamed (`-- strata:renamed-label old new` on the type): type key -> old label ->
  // new label. Written as ALTER TYPE ... RENAME VALUE before anything else, so rows keep them.
  std::map<std::string, std::map<std::string, std::string>> label_renames;
  // Safer defaults for live tables: new indexes on tables that exist in A are built
  // CONCURRENTLY; new foreign keys and checks on such tables are added NOT VALID and validated
  // in a separate step. Both are marked `after_transaction` where they must leave the
  // transaction. `strata diff` keeps them off (plain SQL); `strata generate` turns them on.
  bool online_index_builds = false;
  bool not_valid_constraints = false;
  // Destructive changes approved in advance: all of them, or those of these objects (keys in A)
  // and of the objects that belong to them (`-- strata:allow-destructive` on a table approves
  // dropping its columns, which are no longer declared).
  bool allow_destructive = false;
  std::set<std::string> approved_destructive;
};

Plan diff(const model::Catalog& from, const model::Catalog& to, const Options& options = {});

// All statements, each followed by ";\n", after a "SET check_function_bodies = false;" header
// line when the plan creates or replaces functions. Same plan, same bytes.
std::string render_sql(const Plan& plan);

std::string to_string(Change::Action action);

// What a plan says beside its SQL, one line each, as commands print it on stderr: its warnings
// ("warning: ..."), its destructive changes ("destructive: SUMMARY: WHY", "... (approved)" when
// approved) and its hints ("hint: ...").
std::vector<std::string> notes(const Plan& plan);

// The destructive changes nothing approved, as "SUMMARY: WHY" lines (empty: nothing to refuse).
std::vector<std::string> unapproved_destructive(const Plan& plan);

}  // namespace strata::diff
