#include <iostream>

#include "commands.h"
#include "secrets.h"
#include "strata/diff.h"
#include "strata/load.h"
#include "strata/runner.h"

namespace {

// Every error line goes through here: no password reaches the terminal, whatever composed it.
void print_error(const std::string& text) { std::cerr << strata::cli::scrub_secrets(text); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"strata: the PostgreSQL schema as a build input"};
  app.set_version_flag("--version", STRATA_VERSION);
  app.require_subcommand(1);

  strata::cli::GlobalOptions globals;
  app.add_flag("--no-cluster-cache", globals.no_cluster_cache,
               "Start a private throwaway PostgreSQL for this run instead of reusing the cached one");
  app.add_flag("--timings", globals.timings, "Print where the time went on stderr");

  strata::cli::CommandRunner runner;
  strata::cli::register_diff_command(app, globals, runner);
  strata::cli::register_inspect_command(app, globals, runner);
  strata::cli::register_generate_command(app, globals, runner);
  strata::cli::register_hash_command(app, globals, runner);
  strata::cli::register_new_command(app, globals, runner);
  strata::cli::register_lint_command(app, globals, runner);
  strata::cli::register_codegen_command(app, globals, runner);
  strata::cli::register_migrate_command(app, globals, runner);
  strata::cli::register_status_command(app, globals, runner);
  strata::cli::register_rollback_command(app, globals, runner);
  strata::cli::register_repair_command(app, globals, runner);
  strata::cli::register_baseline_command(app, globals, runner);
  strata::cli::register_verify_command(app, globals, runner);
  strata::cli::register_restore_command(app, globals, runner);
  strata::cli::register_dev_command(app, globals, runner);
  strata::cli::register_test_db_command(app, globals, runner);
  strata::cli::register_push_command(app, globals, runner);
  strata::cli::register_seed_command(app, globals, runner);
  strata::cli::register_docs_command(app, globals, runner);
  strata::cli::register_rehearse_command(app, globals, runner);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : strata::cli::usage_exit_code(argc, argv);
  }

  try {
    runner();
    return 0;
  } catch (const strata::cli::ExitStatus& status) {
    return status.code;
  } catch (const strata::load::SchemaError& error) {
    print_error("error: " + std::string(error.what()) + "\n");
    if (!error.statement().empty()) print_error("statement: " + error.statement() + "\n");
    if (!error.detail().empty()) print_error(error.detail());
  } catch (const strata::runner::LockTimeoutError& error) {
    print_error("error: " + std::string(error.what()) + "\n");
    if (!error.blocker.empty()) print_error("  blocked by: " + error.blocker + "\n");
    for (const auto& detail : error.details) print_error("  " + detail + "\n");
  } catch (const strata::runner::RunnerError& error) {
    print_error("error: " + std::string(error.what()) + "\n");
    for (const auto& detail : error.details) print_error("  " + detail + "\n");
  } catch (const strata::diff::DiffError& error) {
    print_error("error: " + std::string(error.what()) + "\n");
  } catch (const std::exception& error) {
    print_error("error: " + std::string(error.what()) + "\n");
  }
  return 1;
}
