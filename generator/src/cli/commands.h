// Each `strata` subcommand registers itself on the CLI11 app and returns the function that runs
// it once the command line is parsed. The commands parse arguments and print; the work is done by
// the libraries. Errors are exceptions, printed by main alone (report.h).
#pragma once

#include <exception>
#include <functional>

#include <CLI/CLI.hpp>

#include "strata/error.h"

namespace strata::cli {

struct GlobalOptions {
  bool no_cluster_cache = false;  // start a private throwaway cluster instead of the cached one
  bool timings = false;           // print where the time went on stderr
};

using CommandRunner = std::function<void()>;

// Exit codes, for every command (README): 0 success, 1 a failure, a refusal, or a database that is
// not current or has drifted, 2 a command line that is wrong.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Thrown by a command that has finished and printed everything, to exit with `code` (e.g.
// `status` exits 1 when the database is not current); main prints nothing for it.
class ExitStatus : public std::exception {
 public:
  explicit ExitStatus(int code) : code(code) {}
  const char* what() const noexcept override { return "exit status"; }
  int code;
};

// The command line is wrong in a way CLI11 cannot see (conflicting options, a bad value): exit 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

void register_diff_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_inspect_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_generate_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_hash_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_new_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_lint_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_codegen_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
// The migration runner's commands (target_options.h has what they share).
void register_migrate_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_status_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_rollback_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_repair_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_baseline_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_verify_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_restore_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_dev_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_test_db_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
// The developer's loop (docs/devloop.md).
void register_push_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_seed_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_docs_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_rehearse_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_review_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_import_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);

}  // namespace strata::cli
