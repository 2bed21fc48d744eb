// Running the PostgreSQL programs (and our watchdog shells) as child processes.
#pragma once

#include <boost/process.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "child_setup.h"
#include "strata/child_environment.h"

namespace strata::runtime {

// Our environment without the caller's libpq/server variables (PGDATA, PGPORT, PGHOST, PGTZ,
// PGOPTIONS...: every PG* name), with TZ=UTC and LC_ALL=C, so that what initdb writes and how
// the server behaves do not depend on who runs strata.
ChildEnvironment server_environment();

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs a program to completion in server_environment(), stdin from /dev/null.
CommandResult run_command(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const ChildSetup& setup = {}, const std::filesystem::path& working_dir = {});

// Runs a client program (pg_dump, pg_restore) to completion in our own environment (the
// caller's PG* variables included: they may say how to reach their database) with `extra`
// variables set on top (PGPASSWORD: a password never goes on a command line, where `ps` shows
// it), stdin from /dev/null.
CommandResult run_client_command(const std::filesystem::path& program, const std::vector<std::string>& args,
                                 const std::vector<std::pair<std::string, std::string>>& extra = {});

// "initdb -D x" style, for error messages.
std::string describe_command(const std::filesystem::path& program, const std::vector<std::string>& args);

}  // namespace strata::runtime
