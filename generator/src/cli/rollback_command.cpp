#include <iostream>

#include "commands.h"
#include "report.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct RollbackArguments {
  promote::TargetOptions target;
  TimeoutArguments timeouts;
  std::string to;
  int steps = 0;
  bool all = false;
  bool dry_run = false;
  bool yes = false;
  bool no_backup = false;
};

void run_rollback(const RollbackArguments& arguments) {
  const auto context = promote::open_context(arguments.target);
  runner::RollbackOptions options;
  options.run = run_options(context, arguments.timeouts);
  options.run.dry_run = arguments.dry_run;
  // Version 0 is "before the first migration": every applied migration is reverted.
  const std::string to = arguments.all ? "0" : arguments.to;
  if (!to.empty()) {
    if (to != "0" && !context.find(to)) {
      throw UsageError("--to " + to + ": no migration with that version in " + context.migrations_dir.string() +
                       " (--to 0 or --all: revert every migration)");
    }
    options.to_version = to;
  } else {
    options.steps = arguments.steps > 0 ? arguments.steps : 1;
  }

  // For an environment, ask and back up only when there is something to roll back.
  bool anything_applied = true;
  if (context.target.environment) {
    const auto status = runner::status(context.target.connection, context.migrations, context.integrity_problems);
    anything_applied = false;
    for (const auto& migration : status.migrations) {
      const bool in_range = !options.to_version || migration.version > *options.to_version;
      if (migration.state != runner::State::Pending && in_range) anything_applied = true;
    }
  }
  if (!arguments.dry_run && anything_applied) {
    const std::string what = options.to_version == "0" ? std::string("roll back every migration")
                             : options.to_version ? "roll back every migration newer than " + *options.to_version
                                                : "roll back the newest " + std::to_string(options.steps) + " migration" +
                                                      (options.steps == 1 ? "" : "s");
    promote::confirm_if_protected(context.target, arguments.yes, what, terminal_ask());
    if (const auto backup = promote::backup_if_configured(context, arguments.no_backup)) {
      std::cout << "backup: " << backup->string() << "\n" << std::flush;
    }
  }

  TextProgress progress("reverting");
  options.run.on_event = [&progress](const runner::Event& event) { progress(event); };
  runner::RunReport report;
  try {
    report = runner::rollback(context.target.connection, context.migrations, options);
  } catch (...) {
    progress.finish_line("failed");
    throw;
  }
  if (arguments.dry_run) {
    std::cout << report.dry_run_sql;
    if (!report.dry_run_sql.empty() && report.dry_run_sql.back() != '\n') std::cout << "\n";
    std::cout << "-- dry run: nothing was changed on " << context.target.description << "\n";
  } else if (report.applied.empty()) {
    std::cout << "nothing to roll back on " << context.target.description << "\n";
  } else {
    std::cout << "rolled back " << plural(report.applied.size(), "migration") << " on " << context.target.description << " in " << format_ms(report.total_ms) << "\n";
  }
}

}  // namespace

void register_rollback_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<RollbackArguments>();
  auto* command = app.add_subcommand("rollback", "Revert applied migrations with their down files, newest first");
  add_target_options(command, arguments->target);
  add_timeout_options(command, arguments->timeouts);
  auto* to = command->add_option("--to", arguments->to, "Revert every migration newer than this version (0: all of them)");
  auto* steps = command->add_option("--steps", arguments->steps, "Revert the newest N migrations (default 1)")
                    ->check(CLI::PositiveNumber);
  auto* all = command->add_flag("--all", arguments->all, "Revert every applied migration (same as --to 0)");
  to->excludes(steps);
  all->excludes(to)->excludes(steps);
  command->add_flag("--dry-run", arguments->dry_run, "Print the SQL that would run; change nothing");
  command->add_flag("--yes", arguments->yes, "Confirm rolling back a protected environment");
  command->add_flag("--no-backup", arguments->no_backup, "Skip the pg_dump a protected (or backup) environment gets first");
  command->footer(
      "Each down file runs in its own transaction together with the deletion of its history row.\n"
      "A migration without a down file stops the rollback before anything runs.\n"
      "Exit 0: rolled back or nothing to do; 1: refused or failed.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &runner] { runner = [arguments] { run_rollback(*arguments); }; });
}

}  // namespace strata::cli
