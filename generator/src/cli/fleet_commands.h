// `strata migrate --env FLEET` and `strata status --env FLEET` (docs/fleets.md): what they print;
// the work is promote/fleet.h's.
#pragma once

#include <string>

#include "strata/promote/target.h"
#include "target_options.h"

namespace strata::cli {

struct FleetArguments {
  int parallel = 4;
  int canary = 0;
  bool continue_on_error = false;
  std::string shard;  // "i/N"
};

// Adds --parallel, --canary, --continue-on-error, --shard (`migrate`) or --parallel, --shard
// (`status`).
void add_fleet_options(CLI::App* command, FleetArguments& arguments, bool migrate);

struct FleetMigrateRequest {
  const FleetArguments& fleet;
  const TimeoutArguments& timeouts;
  std::string to;
  bool dry_run = false;
  bool yes = false;
  bool no_backup = false;
  bool json = false;
};
// A UsageError when any of them was given: they mean nothing for one database.
void refuse_fleet_options(const FleetArguments& arguments);

void migrate_fleet(const promote::Context& context, const FleetMigrateRequest& request);
void status_fleet(const promote::Context& context, const FleetArguments& arguments, bool json);

}  // namespace strata::cli
