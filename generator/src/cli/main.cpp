#include <cctype>
#include <chrono>
#include <functional>

#include "commands.h"
#include "report.h"

int main(int argc, char** argv) {
  CLI::App app{"strata: the PostgreSQL schema as a build input"};
  app.set_version_flag("--version", STRATA_VERSION);
  app.require_subcommand(1);
  // A wrong command line is said like every other error: "error: ..." in lower case.
  app.failure_message([](const CLI::App* failed, const CLI::Error& error) {
    std::string message = error.what();
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    std::string command = "strata";  // and the subcommands given, innermost last
    for (const CLI::App* current = failed; !current->get_subcommands().empty();) {
      current = current->get_subcommands().front();
      command += " " + current->get_name();
    }
    return "error: " + message + " (`" + command + " --help` lists the options)\n";
  });
  app.footer("Exit codes: 0 success; 1 a failure, a refusal, a database not current (status) or drifted\n"
             "(verify); 2 a wrong command line.");

  strata::cli::GlobalOptions globals;
  app.add_flag("--no-cluster-cache", globals.no_cluster_cache,
               "Start a private throwaway PostgreSQL for this run instead of reusing the cached one");
  app.add_flag("--timings", globals.timings, "Print where the time went on stderr");

  strata::cli::CommandRunner runner;
  for (const auto registration :
       {strata::cli::register_diff_command, strata::cli::register_inspect_command, strata::cli::register_generate_command,
        strata::cli::register_hash_command, strata::cli::register_new_command, strata::cli::register_lint_command,
        strata::cli::register_codegen_command, strata::cli::register_migrate_command, strata::cli::register_status_command,
        strata::cli::register_rollback_command, strata::cli::register_repair_command,
        strata::cli::register_baseline_command, strata::cli::register_verify_command,
        strata::cli::register_restore_command, strata::cli::register_dev_command, strata::cli::register_test_db_command,
        strata::cli::register_push_command, strata::cli::register_seed_command, strata::cli::register_docs_command,
        strata::cli::register_rehearse_command, strata::cli::register_review_command,
        strata::cli::register_import_command}) {
    registration(app, globals, runner);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : strata::cli::kExitUsage;  // --help and --version exit 0
  }
  // --timings for every command: those that measure their stages print them; the others get
  // their total, also when they fail.
  const auto started = std::chrono::steady_clock::now();
  const auto total_timings = [&] {
    if (!globals.timings || strata::cli::printed_timings()) return;
    const auto& chosen = app.get_subcommands();
    strata::cli::print_timings(
        {{"command", chosen.empty() ? std::string() : chosen.front()->get_name()},
         {"total_ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()}});
  };
  struct AtExit {
    std::function<void()> run;
    ~AtExit() { run(); }
  } print_total{total_timings};
  try {
    runner();
    return 0;
  } catch (const strata::cli::ExitStatus& status) {
    return status.code;
  } catch (const strata::cli::UsageError& error) {
    strata::cli::print_error(error);
    return strata::cli::kExitUsage;
  } catch (const std::exception& error) {
    strata::cli::print_error(error);
    return strata::cli::kExitFailure;
  }
}
