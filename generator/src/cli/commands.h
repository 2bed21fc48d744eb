// Each `strata` subcommand registers itself on the CLI11 app and returns the function that runs
// it once the command line is parsed. Errors are exceptions; main turns them into exit code 1.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace strata::cli {

struct GlobalOptions {
  bool no_cluster_cache = false;  // start a private throwaway cluster instead of the cached one
  bool timings = false;           // print where the time went on stderr
};

using CommandRunner = std::function<void()>;

void register_diff_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_inspect_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_generate_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_hash_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_new_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_test_db_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);

}  // namespace strata::cli
