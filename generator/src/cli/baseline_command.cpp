#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/promote/drift.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct BaselineArguments {
  promote::TargetOptions target;
  std::string version;
  bool yes = false;
};

void run_baseline(const BaselineArguments& arguments, const GlobalOptions& globals) {
  const auto context = promote::open_context(arguments.target);
  if (!context.integrity_problems.empty()) {
    throw runner::RunnerError(context.migrations_dir.string() + "/strata.sum does not match the migrations",
                              context.integrity_problems);
  }
  if (!context.find(arguments.version)) {
    throw UsageError("--version " + arguments.version + ": no migration with that version in " +
                     context.migrations_dir.string());
  }
  source::Loader loader(cluster_choice(globals));
  loader.set_scope(promote::scope_of(context.project));
  const auto differences = promote::baseline_differences(context, arguments.version, loader);
  if (!differences.empty()) {
    throw runner::RunnerError(context.target.description + " does not match what the migrations up to " +
                                  arguments.version + " build (" + plural(differences.size(), "difference") +
                                  "); nothing was recorded",
                              promote::first_lines(differences));
  }
  const auto covered = std::count_if(context.migrations.begin(), context.migrations.end(),
                                     [&](const auto& migration) { return migration.version <= arguments.version; });
  promote::confirm_if_protected(context.target, arguments.yes,
                                "record " + plural(static_cast<std::size_t>(covered), "migration") +
                                    " as applied without running them",
                                terminal_ask());
  for (const auto& line : runner::record_baseline(context.target.connection, context.migrations, arguments.version,
                                                  STRATA_VERSION)) {
    std::cout << line << "\n";
  }
  std::cout << "baselined " << context.target.description << " at " << arguments.version << " ("
            << plural(static_cast<std::size_t>(covered), "migration") << " recorded, none run)\n";
}

}  // namespace

void register_baseline_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<BaselineArguments>();
  auto* command = app.add_subcommand("baseline", "Adopt an existing database: record migrations as applied without running them");
  add_target_options(command, arguments->target);
  command->add_option("--version", arguments->version, "The newest migration the database already has")->required();
  command->add_flag("--yes", arguments->yes, "Confirm baselining a protected environment");
  command->footer(
      "Replays the migrations up to VERSION on a throwaway PostgreSQL and compares the result with the\n"
      "database (its `strata` schema aside). Any difference: exit 1 listing them, nothing recorded.\n"
      "Else every migration up to VERSION is recorded as applied (baselined). Refused when the history\n"
      "already has rows.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_baseline(*arguments, globals); };
  });
}

}  // namespace strata::cli
