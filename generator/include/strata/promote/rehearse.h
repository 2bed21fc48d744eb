// `strata rehearse`: the pending migrations of a target applied to a throwaway copy of it, one by
// one, with what each did (time, locks, rows) and the target's drift (docs/promotion.md).
// Nothing is written to the target.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "strata/error.h"
#include "strata/promote/drift.h"
#include "strata/promote/target.h"
#include "strata/prove.h"
#include "strata/runner.h"
#include "strata/source.h"

namespace strata::promote {

struct CopyResult {
  long long bytes = 0;  // bytes of the custom-format dump that went through
  double elapsed_ms = 0;
};

// Copies `source` (a postgresql:// URL or keyword/value string, or a pg_dump -Fc file: a path or
// file:// URL) into the existing database `destination` (keyword/value string, no password) with
// pg_dump -Fc | pg_restore --no-owner --no-privileges. The source's password goes to pg_dump in
// PGPASSWORD, never on its command line. `progress(bytes)` is called every ~250 ms while bytes flow.
// Throws strata::Error with the tools' output (redacted) when either fails.
CopyResult copy_database(const std::string& source, const std::string& destination,
                         const std::function<void(long long)>& progress);

bool is_dump_file(const std::string& source);

// A lock seen held by another session of a database.
struct LockSeen {
  std::string relation;  // "public.orders"
  char relkind = '?';    // pg_class.relkind ('r' table, 'i' index, ...)
  std::set<std::string> modes;  // "AccessExclusiveLock", ...
};

// Watches, from a session of its own on `connection`'s database, the relation locks every other
// session of that database holds, every `interval`. When strata.migrations exists it also holds
// a SHARE lock on it from start() until the runner's history insert waits on it, so that the
// locks of a migration transaction are seen however fast it runs (then it lets the runner go).
class LockSampler {
 public:
  explicit LockSampler(std::string connection, int interval_ms = 20);
  ~LockSampler();
  void start();
  // Stops sampling; returns the relations seen (outside pg_catalog, information_schema, pg_toast
  // and strata), names resolved after the fact for relations the migration created.
  std::vector<LockSeen> stop();

 private:
  void run();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct RehearsalStep {
  const migrations::Migration* migration = nullptr;
  std::string status = "not_run";  // applied, failed, not_run
  double execution_ms = 0;
  int lock_retries = 0;
  std::vector<LockSeen> locks;
  runner::RowCounts rows_before, rows_after;
  std::vector<std::string> vanished;        // "public.x: 10 -> 0 rows"
  std::vector<std::string> dropped_tables;  // tables present before, gone after
  std::optional<Error> failure;
  // The proof on data on the copy's rows (docs/migrations.md, "Proof on data"): what the step
  // broke (an index, a constraint, a generated column, an insert), what it changed (rows gone,
  // values rewritten: a data migration may mean to) and NOT VALID constraints the rows break.
  std::vector<prove::Violation> invariants;
  std::vector<std::string> proof_notes;  // tables left out of the value checks, and why
  double proof_ms = 0;
  bool checked = false;  // the invariants were checked (the step applied, sampling on)
  bool destructive() const { return !vanished.empty() || !dropped_tables.empty(); }
  bool breaks_invariants() const;
};

struct Rehearsal {
  std::string source;  // what was copied, for people (no password)
  CopyResult copy;
  std::optional<Drift> drift;  // nullopt: it could not be told (drift_error says why)
  std::string drift_error;
  std::vector<RehearsalStep> steps;  // the pending migrations, in order; after a failure: not_run
  runner::RowCounts rows_before, rows_after;
  double total_ms = 0;
  bool success = true;
};

struct RehearseOptions {
  std::string snapshot;       // a URL or pg_dump -Fc file to copy instead of the target
  runner::RunOptions run;     // timeouts and retries, as the real run would have them
  long sample_rows = 1000;    // rows per table (the first by primary key) whose values are compared
                              // across each step; 0: no proof on the copy's rows
  std::function<void(long long)> copy_progress;
};

// Copies the target (or the snapshot) into a database of `loader`'s cluster, tells its drift, and
// applies the pending migrations there one by one with the runner, checking the invariants of the
// proof on data on the copy's rows around each. A step that fails or breaks an invariant fails
// the rehearsal.
Rehearsal rehearse(const Context& context, source::Loader& loader, const RehearseOptions& options);

}  // namespace strata::promote
