#include "target_options.h"

#include <unistd.h>

#include <iostream>

namespace strata::cli {

void add_project_option(CLI::App* command, promote::TargetOptions& options) {
  command->add_option("--project", options.project,
                      "Project file (default: strata.json in the current directory or the nearest one above)");
}

void add_target_options(CLI::App* command, promote::TargetOptions& options) {
  add_project_option(command, options);
  command->add_option("--migrations", options.migrations,
                      "Migrations directory (default: from strata.json, else schema/migrations)");
  auto* url = command->add_option("--url", options.url, "postgresql:// URL of the target database");
  auto* env = command->add_option("--env", options.env, "Target environment, by its name in strata.json");
  url->excludes(env);
}

const char* const kTargetHelp =
    "Target: --url, or --env NAME (the URL comes from the environment variable strata.json names),\n"
    "else the embedded development database (started on demand under $STRATA_DEV_DIR, default\n"
    "<project>/.strata/dev; see `strata dev`). Passwords are never printed.";

void add_timeout_options(CLI::App* command, TimeoutArguments& arguments) {
  command->add_option("--lock-timeout", arguments.lock_timeout,
                      "How long a statement may wait for a lock: 200ms, 5s, 15min, 1h, or milliseconds "
                      "(default: strata.json, else 5s)");
  command->add_option("--statement-timeout", arguments.statement_timeout,
                      "How long one statement may run, 0 for no limit (default: strata.json, else 15min)");
}

runner::RunOptions run_options(const promote::Context& context, const TimeoutArguments& arguments) {
  const auto parse = [](const std::string& option, const std::string& text) -> std::optional<std::chrono::milliseconds> {
    if (text.empty()) return std::nullopt;
    try {
      return project::parse_duration(text);
    } catch (const Error& error) {
      throw UsageError(option + ": " + error.message());
    }
  };
  return promote::run_options(context,
                              {parse("--lock-timeout", arguments.lock_timeout),
                               parse("--statement-timeout", arguments.statement_timeout)},
                              STRATA_VERSION);
}

promote::Ask terminal_ask() {
  return [](const std::string& prompt) -> std::optional<std::string> {
    if (!::isatty(STDIN_FILENO)) return std::nullopt;
    std::cerr << prompt << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer;
  };
}

source::ClusterChoice cluster_choice(const GlobalOptions& globals) {
  return globals.no_cluster_cache ? source::ClusterChoice::Private : source::ClusterChoice::Cached;
}

}  // namespace strata::cli
