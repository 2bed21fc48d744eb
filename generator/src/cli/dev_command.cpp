#include <iostream>

#include "commands.h"
#include "target_options.h"
#include "strata/dev_database.h"

namespace strata::cli {
namespace {

std::filesystem::path dev_directory(const promote::TargetOptions& arguments) {
  return runtime::dev_database_directory(promote::project_root(promote::find_project(arguments.project)));
}

}  // namespace

void register_dev_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<promote::TargetOptions>();
  auto* command = app.add_subcommand("dev", "The embedded development database (the default target)");
  command->require_subcommand(1);
  command->footer(
      "Runner commands given neither --url nor --env use a PostgreSQL cluster of the project's own,\n"
      "started on demand and left running: data under $STRATA_DEV_DIR (default\n"
      "<project>/.strata/dev, kept across runs and reboots), unix socket only, database strata_dev.\n"
      "It stops by itself after $STRATA_DEV_IDLE_TIMEOUT seconds (default 1800; 0: never) with no\n"
      "strata command and no client session using it.");

  auto* start = command->add_subcommand("start", "Start it (if it is not running) and create strata_dev");
  add_project_option(start, *arguments);
  start->callback([arguments, &runner] {
    runner = [arguments] {
      const auto database = runtime::DevDatabase::ensure(dev_directory(*arguments));
      std::cout << (database.started() ? "started " : "already running: ") << database.directory().string() << "\n";
    };
  });

  auto* stop = command->add_subcommand("stop", "Stop its server (data is kept)");
  add_project_option(stop, *arguments);
  stop->callback([arguments, &runner] {
    runner = [arguments] {
      const auto directory = dev_directory(*arguments);
      std::cout << (runtime::stop_dev_database(directory) ? "stopped " : "not running: ") << directory.string() << "\n";
    };
  });

  auto* status = command->add_subcommand("status", "Say whether it runs (exit 0) or not (exit 1)");
  add_project_option(status, *arguments);
  status->callback([arguments, &runner] {
    runner = [arguments] {
      const auto state = runtime::dev_database_state(dev_directory(*arguments));
      if (!state.running) {
        std::cout << "not running: " << state.directory.string()
                  << (state.initialized ? " (its data is kept; the next command starts it)" : " (never started)") << "\n";
        throw ExitStatus(kExitFailure);
      }
      std::cout << "running: " << state.directory.string() << "\n  url: " << state.url << "\n";
      const auto idle = runtime::dev_idle_timeout();
      if (idle.count() == 0) {
        std::cout << "  idle stop: never (STRATA_DEV_IDLE_TIMEOUT=0)\n";
      } else {
        std::cout << "  idle stop: after " << idle.count() << " s without use";
        if (state.idle_for) std::cout << " (last used by strata " << state.idle_for->count() << " s ago)";
        std::cout << "\n";
      }
    };
  });

  auto* url = command->add_subcommand("url", "Print its postgresql:// URL (starting it if needed)");
  add_project_option(url, *arguments);
  url->callback([arguments, &runner] {
    runner = [arguments] { std::cout << runtime::DevDatabase::ensure(dev_directory(*arguments)).url() << "\n"; };
  });
}

}  // namespace strata::cli
