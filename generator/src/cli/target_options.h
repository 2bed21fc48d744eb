// Options the runner commands share: --project, --migrations, --url / --env, the timeouts, and
// how a protected environment's confirmation is asked on a terminal.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "strata/promote/protection.h"
#include "strata/promote/target.h"
#include "strata/source.h"

namespace strata::cli {

void add_project_option(CLI::App* command, promote::TargetOptions& options);
void add_target_options(CLI::App* command, promote::TargetOptions& options);
extern const char* const kTargetHelp;  // for the commands' footers

// --lock-timeout / --statement-timeout (empty: strata.json, else the runner's defaults).
struct TimeoutArguments {
  std::string lock_timeout;
  std::string statement_timeout;
};
void add_timeout_options(CLI::App* command, TimeoutArguments& arguments);
// The runner's options for the context with these timeouts (UsageError for a malformed one).
runner::RunOptions run_options(const promote::Context& context, const TimeoutArguments& arguments);

// Asks on the terminal (stderr, stdin); nobody to ask when stdin is not a terminal.
promote::Ask terminal_ask();

source::ClusterChoice cluster_choice(const GlobalOptions& globals);

}  // namespace strata::cli
