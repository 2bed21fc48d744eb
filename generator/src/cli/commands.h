// Each `strata` subcommand registers itself on the CLI11 app and returns the function that runs
// it once the command line is parsed. Errors are exceptions; main turns them into exit code 1.
#pragma once

#include <exception>
#include <functional>

#include <CLI/CLI.hpp>

namespace strata::cli {

struct GlobalOptions {
  bool no_cluster_cache = false;  // start a private throwaway cluster instead of the cached one
  bool timings = false;           // print where the time went on stderr
};

using CommandRunner = std::function<void()>;

// Thrown by a command that has finished and printed everything, to exit with `code` (e.g.
// `status` exits 1 when the database is not current); main prints nothing for it.
class ExitStatus : public std::exception {
 public:
  explicit ExitStatus(int code) : code(code) {}
  const char* what() const noexcept override { return "exit status"; }
  int code;
};

void register_diff_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_inspect_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_generate_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_hash_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_new_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
void register_lint_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);

// Exit code for a command line CLI11 refused: 2 for `strata lint` (its documented usage code), else 1.
int usage_exit_code(int argc, char** argv);
void register_codegen_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner);
// The migration runner's commands (runner_support.h has what they share).
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

}  // namespace strata::cli
