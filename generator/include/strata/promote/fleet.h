// Fleets: one schema, many databases (docs/fleets.md). A fleet environment of strata.json names
// its targets (a file of URLs, or a query on a control database); `strata migrate --env FLEET`
// runs the whole runner on each (lock, checksums, timeouts and retries, backups when configured):
// a canary wave first, then the rest a bounded number at a time, with one outcome per target.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "strata/promote/target.h"

namespace strata::promote {

struct FleetTarget {
  std::string name;         // for people and reports: the variable's name, the URL without password, or the schema
  std::string connection;   // may hold a password: never print it
  std::string schema;       // a fleet of schemas: the tenant's (runner::RunOptions::schema); else empty
};

// The targets of a fleet environment, in the order the file or query gives them. Throws
// project::ProjectError for an unreadable file, an unset variable, a failing query, a duplicate
// target or an empty fleet. Every URL read is remembered as a secret.
std::vector<FleetTarget> fleet_targets(const project::Environment& environment);

// `--shard i/N`: the targets at positions i-1, i-1+N, i-1+2N, ... of the fleet (1 <= i <= N), the
// same slice on every machine for the same fleet.
std::vector<FleetTarget> shard(const std::vector<FleetTarget>& targets, int index, int count);
// Parses "i/N"; throws strata::Error on anything else.
std::pair<int, int> parse_shard(const std::string& text);
// The fleet's targets, or the slice `shard_text` ("i/N") of them when it is not empty.
std::vector<FleetTarget> fleet_targets(const project::Environment& environment, const std::string& shard_text);

struct FleetOptions {
  int parallel = 4;                // targets migrated at once
  int canary = 0;                  // this many targets first; any failure among them stops the run
  bool continue_on_error = false;  // default: a failure stops starting new targets
  bool no_backup = false;
};

struct TargetOutcome {
  enum class State { applied, current, failed, skipped };
  FleetTarget target;
  State state = State::skipped;
  std::vector<std::string> applied;  // versions
  std::string error;                 // failed: the reason (never a password)
  std::string sqlstate;
  double ms = 0;
};
const char* to_string(TargetOutcome::State state);

struct FleetReport {
  std::vector<TargetOutcome> outcomes;  // in target order
  int count(TargetOutcome::State state) const;
  bool failed() const { return count(TargetOutcome::State::failed) > 0; }
};

// Migrates every target; `on_outcome` is called (from one thread at a time) as each target
// starts (state skipped, nothing done yet) and ends. `context` is the fleet's (its target is the
// fleet itself: no connection), `run` the runner's options for every target.
FleetReport migrate_fleet(const Context& context, const std::vector<FleetTarget>& targets, const runner::RunOptions& run,
                          const FleetOptions& options,
                          const std::function<void(const TargetOutcome&, bool started)>& on_outcome);

// Status of every target: the runner's status report, or the error reaching it.
struct TargetStatus {
  FleetTarget target;
  std::optional<runner::StatusReport> report;
  std::string error;
};
std::vector<TargetStatus> fleet_status(const Context& context, const std::vector<FleetTarget>& targets, int parallel);

}  // namespace strata::promote
