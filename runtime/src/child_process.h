// Running the PostgreSQL programs (and our watchdog shells) as child processes.
#pragma once

#include <boost/process.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "child_setup.h"

namespace strata::runtime {

// Our environment without the caller's libpq/server variables (PGDATA, PGPORT, PGHOST, PGTZ,
// PGOPTIONS...: every PG* name), with TZ=UTC and LC_ALL=C, so that what initdb writes and how
// the server behaves do not depend on who runs strata.
boost::process::environment server_environment();

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs a program to completion in server_environment(), stdin from /dev/null.
CommandResult run_command(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const ChildSetup& setup = {}, const std::filesystem::path& working_dir = {});

// "initdb -D x" style, for error messages.
std::string describe_command(const std::filesystem::path& program, const std::vector<std::string>& args);

}  // namespace strata::runtime
