#include <iostream>

#include "commands.h"
#include "runner_support.h"
#include "strata/generate.h"

namespace strata::cli {
namespace {

struct BaselineArguments {
  TargetArguments target;
  std::string version;
  bool yes = false;
};

void run_baseline(const BaselineArguments& arguments, const GlobalOptions& globals) {
  const Context context = open_context(arguments.target);
  if (!context.integrity_problems.empty()) {
    throw runner::RunnerError(context.migrations_dir.string() + "/strata.sum does not match the migrations",
                              context.integrity_problems);
  }
  if (!find_migration(context, arguments.version)) {
    throw std::runtime_error("--version " + arguments.version + ": no migration with that version in " +
                             context.migrations_dir.string());
  }
  std::vector<migrations::Migration> covered;
  for (const auto& migration : context.migrations) {
    if (migration.version <= arguments.version) covered.push_back(migration);
  }

  // What the migrations build, against what the database has (its strata schema aside).
  const auto expected = replayed_catalog(covered, !globals.no_cluster_cache);
  const auto actual = introspect_target(context.target.connection);
  const auto differences = generate::catalog_differences(expected, actual);
  if (!differences.empty()) {
    throw runner::RunnerError(context.target.description + " does not match what the migrations up to " +
                                  arguments.version + " build (" + std::to_string(differences.size()) +
                                  " difference" + (differences.size() == 1 ? "" : "s") + "); nothing was recorded",
                              first_lines(differences));
  }
  confirm_if_protected(context.target, arguments.yes,
                       "record " + std::to_string(covered.size()) + " migrations as applied without running them");
  const auto lines = runner::record_baseline(context.target.connection, context.migrations, arguments.version,
                                             STRATA_VERSION);
  for (const auto& line : lines) std::cout << line << "\n";
  std::cout << "baselined " << context.target.description << " at " << arguments.version << " ("
            << covered.size() << " migration" << (covered.size() == 1 ? "" : "s") << " recorded, none run)\n";
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
