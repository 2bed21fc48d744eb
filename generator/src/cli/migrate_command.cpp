#include <iostream>

#include "commands.h"
#include "fleet_commands.h"
#include "report.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct MigrateArguments {
  promote::TargetOptions target;
  TimeoutArguments timeouts;
  std::string to;
  bool dry_run = false;
  bool yes = false;
  bool no_backup = false;
  std::string format = "text";
  FleetArguments fleet;
};

nlohmann::json summary_json(const runner::RunReport& report, const promote::Context& context,
                            const std::optional<std::filesystem::path>& backup, bool dry_run) {
  nlohmann::json applied = nlohmann::json::array();
  for (const auto& migration : report.applied) {
    applied.push_back({{"version", migration.version},
                       {"name", migration.name},
                       {"execution_ms", migration.execution_ms},
                       {"lock_retries", migration.lock_retries},
                       {"out_of_order", migration.out_of_order},
                       {"resumed", migration.resumed}});
  }
  nlohmann::json summary = {{"event", "summary"},
                            {"target", context.target.description},
                            {"applied", applied},
                            {"already_current", report.already_current},
                            {"waited_for_lock", report.waited_for_lock},
                            {"dry_run", dry_run},
                            {"total_ms", report.total_ms},
                            {"backup", backup ? nlohmann::json(backup->string()) : nlohmann::json(nullptr)}};
  if (dry_run) summary["sql"] = report.dry_run_sql;
  return summary;
}

void migrate(const MigrateArguments& arguments, bool json) {
  auto target = arguments.target;
  target.allow_fleet = true;
  const auto context = promote::open_context(target);
  if (context.target.fleet()) {
    migrate_fleet(context, FleetMigrateRequest{arguments.fleet, arguments.timeouts, arguments.to, arguments.dry_run,
                                               arguments.yes, arguments.no_backup, json});
    return;
  }
  refuse_fleet_options(arguments.fleet);
  promote::refuse_empty_directory_with_history(context, context.target.connection);
  auto options = run_options(context, arguments.timeouts);
  if (!arguments.to.empty()) {
    if (!context.find(arguments.to)) {
      throw UsageError("--to " + arguments.to + ": no migration with that version in " + context.migrations_dir.string());
    }
    options.to_version = arguments.to;
  }
  options.dry_run = arguments.dry_run;

  // A protected environment or one that is backed up: find out what is pending first, so that
  // nothing is asked, checked or dumped when there is nothing to do.
  std::optional<std::filesystem::path> backup;
  const auto& environment = context.target.environment;
  if (environment && (environment->is_protected || environment->backs_up())) {
    const auto status = runner::status(context.target.connection, context.migrations, context.integrity_problems);
    const auto pending = promote::pending_files(context, status, options.to_version);
    promote::check_promotion_order(context, pending);
    if (!pending.empty() && !arguments.dry_run && status.integrity_problems.empty()) {
      promote::confirm_if_protected(context.target, arguments.yes, "apply " + plural(pending.size(), "migration") + " to it",
                                    terminal_ask());
      backup = promote::backup_if_configured(context, arguments.no_backup);
      if (backup && json) std::cout << nlohmann::json{{"event", "backup"}, {"path", backup->string()}}.dump() << "\n" << std::flush;
      if (backup && !json) std::cout << "backup: " << backup->string() << "\n" << std::flush;
    }
  }

  TextProgress progress("applying");
  if (json) {
    options.on_event = [](const runner::Event& event) { std::cout << event_to_json(event).dump() << "\n" << std::flush; };
  } else {
    options.on_event = [&progress](const runner::Event& event) { progress(event); };
  }
  runner::RunReport report;
  try {
    report = runner::migrate(context.target.connection, context.migrations, options);
  } catch (...) {
    progress.finish_line("failed");
    throw;
  }

  if (json) {
    std::cout << summary_json(report, context, backup, arguments.dry_run).dump() << "\n";
  } else if (arguments.dry_run) {
    std::cout << report.dry_run_sql;
    if (!report.dry_run_sql.empty() && report.dry_run_sql.back() != '\n') std::cout << "\n";
    std::cout << "-- dry run: nothing was changed on " << context.target.description << "\n";
  } else if (report.applied.empty()) {
    std::cout << context.target.description << " is up to date: nothing to apply\n";
  } else {
    std::cout << "applied " << plural(report.applied.size(), "migration") << " to " << context.target.description
              << " in " << format_ms(report.total_ms) << "\n";
  }
}

void run_migrate(const MigrateArguments& arguments) {
  const bool json = arguments.format == "json";
  try {
    migrate(arguments, json);
  } catch (const std::exception& error) {
    // In JSON mode a failure is also the last line of the stream, so a consumer sees how it ended.
    if (json) {
      auto event = error_json(error);
      event["event"] = "error";
      std::cout << event.dump() << "\n";
    }
    throw;
  }
}

}  // namespace

void register_migrate_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<MigrateArguments>();
  auto* command = app.add_subcommand("migrate", "Apply pending migrations to a database");
  add_target_options(command, arguments->target);
  add_timeout_options(command, arguments->timeouts);
  add_fleet_options(command, arguments->fleet, true);
  command->add_option("--to", arguments->to, "Apply up to and including this version");
  command->add_flag("--dry-run", arguments->dry_run, "Print the SQL that would run; change nothing");
  command->add_flag("--yes", arguments->yes, "Confirm applying to a protected environment");
  command->add_flag("--no-backup", arguments->no_backup, "Skip the pg_dump a protected (or backup) environment gets first");
  command->add_option("--format", arguments->format, "text, or json: one JSON object per line (events, then a summary)")
      ->check(CLI::IsMember({"text", "json"}));
  command->footer(
      "Each migration runs in its own transaction with its history row (strata.migrations);\n"
      "strata.sum and the checksums of applied migrations are checked before anything runs.\n"
      "A protected environment needs --yes (or its name typed on a terminal), gets a pg_dump\n"
      "backup first (unless --no-backup), and refuses migrations the environment before it in\n"
      "strata.json has not applied.\n"
      "--format json: one object per line, {\"event\": NAME, ...}: backup, waiting_for_lock,\n"
      "lock_acquired, already_current, out_of_order, resuming, migration_started, statement_done,\n"
      "lock_retry, migration_done; then {\"event\":\"summary\", \"applied\": [...], ...}, or\n"
      "{\"event\":\"error\", \"message\", \"details\", ...} when it fails.\n"
      "Exit 0: applied or nothing to do; 1: refused or failed (completed migrations stay applied).\n"
      "A fleet (--env of an environment with \"fleet\" in strata.json, docs/fleets.md): every target\n"
      "through the runner, --canary K first, then --parallel N at a time; a failure stops starting\n"
      "new targets unless --continue-on-error; one line per target, then a summary (--format json:\n"
      "target_started, target_done, fleet_summary). Exit 1 when a target failed or was not started.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &runner] { runner = [arguments] { run_migrate(*arguments); }; });
}

}  // namespace strata::cli
