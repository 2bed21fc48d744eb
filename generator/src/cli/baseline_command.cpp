#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/importer.h"
#include "strata/promote/drift.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct BaselineArguments {
  promote::TargetOptions target;
  std::string version;
  std::string from_history;
  bool yes = false;
};

void run_baseline(const BaselineArguments& arguments, const GlobalOptions& globals) {
  const auto context = promote::open_context(arguments.target);
  if (!context.integrity_problems.empty()) {
    throw runner::RunnerError(context.migrations_dir.string() + "/strata.sum does not match the migrations",
                              context.integrity_problems);
  }
  // The version: given, or where the other tool's history table says the database is.
  if (arguments.version.empty() && arguments.from_history.empty()) throw UsageError("--version or --from-history is required");
  std::string version = arguments.version;
  std::vector<std::string> ignored;
  if (!arguments.from_history.empty()) {
    importer::Tool tool;
    try {
      tool = importer::parse_tool(arguments.from_history);
    } catch (const Error& error) {
      throw UsageError(std::string("--from-history: ") + error.what());
    }
    const auto history = importer::applied_history(tool, context.target.connection);
    version = importer::baseline_version(tool, context.migrations, history);
    ignored = importer::history_objects(tool);
    std::cout << history.table << " records " << plural(history.ids.size(), "applied migration") << ": baseline at "
              << version << "\n";
  }
  if (!context.find(version)) {
    throw UsageError("--version " + version + ": no migration with that version in " + context.migrations_dir.string());
  }
  source::Loader loader(cluster_choice(globals));
  loader.set_scope(promote::scope_of(context.project));
  const auto differences = promote::baseline_differences(context, version, loader, ignored);
  if (!differences.empty()) {
    throw runner::RunnerError(context.target.description + " does not match what the migrations up to " + version +
                                  " build (" + plural(differences.size(), "difference") + "); nothing was recorded",
                              promote::first_lines(differences));
  }
  const auto covered = std::count_if(context.migrations.begin(), context.migrations.end(),
                                     [&](const auto& migration) { return migration.version <= version; });
  promote::confirm_if_protected(context.target, arguments.yes,
                                "record " + plural(static_cast<std::size_t>(covered), "migration") +
                                    " as applied without running them",
                                terminal_ask());
  for (const auto& line : runner::record_baseline(context.target.connection, context.migrations, version, STRATA_VERSION)) {
    std::cout << line << "\n";
  }
  std::cout << "baselined " << context.target.description << " at " << version << " ("
            << plural(static_cast<std::size_t>(covered), "migration") << " recorded, none run)\n";
}

}  // namespace

void register_baseline_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<BaselineArguments>();
  auto* command = app.add_subcommand("baseline", "Adopt an existing database: record migrations as applied without running them");
  add_target_options(command, arguments->target);
  auto* version = command->add_option("--version", arguments->version, "The newest migration the database already has");
  auto* from_history = command->add_option(
      "--from-history", arguments->from_history,
      "Read the version from another tool's history table (flyway, golang-migrate, goose, dbmate, diesel, sqlx, "
      "node-pg-migrate, prisma, drizzle, sqitch, liquibase) after `strata import --from` that tool");
  version->excludes(from_history);
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
