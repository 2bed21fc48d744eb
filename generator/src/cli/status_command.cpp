#include <iostream>
#include <map>

#include "commands.h"
#include "fleet_commands.h"
#include "report.h"
#include "strata/promote/environments.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct StatusArguments {
  promote::TargetOptions target;
  bool all = false;
  std::string format = "text";
  FleetArguments fleet;
};

std::string state_text(const runner::MigrationStatus& migration) {
  std::string text = runner::to_string(migration.state);
  if (migration.state == runner::State::Partial && migration.history && migration.history->statements_done) {
    text += " (" + std::to_string(*migration.history->statements_done) + "/" + std::to_string(migration.statements) + ")";
  }
  if (migration.out_of_order) text += " (out of order)";
  return text;
}

nlohmann::json migration_json(const runner::MigrationStatus& migration) {
  nlohmann::json json = {{"version", migration.version},
                         {"name", migration.name},
                         {"state", runner::to_string(migration.state)},
                         {"out_of_order", migration.out_of_order}};
  if (migration.history) {
    const auto& history = *migration.history;
    json["applied_at"] = history.applied_at;
    json["applied_by"] = history.applied_by;
    json["execution_ms"] = history.execution_ms;
    json["baselined"] = history.baselined;
    if (history.statements_done) {
      json["statements_done"] = *history.statements_done;
      json["statements"] = migration.statements;
    }
  }
  return json;
}

void run_status(const StatusArguments& arguments) {
  auto target = arguments.target;
  target.allow_fleet = true;
  const auto context = promote::open_context(target);
  if (context.target.fleet()) {
    status_fleet(context, arguments.fleet, arguments.format == "json");
    return;
  }
  refuse_fleet_options(arguments.fleet);
  const auto report = runner::status(context.target.connection, context.migrations, context.integrity_problems);
  if (arguments.format == "json") {
    nlohmann::json migrations = nlohmann::json::array();
    for (const auto& migration : report.migrations) migrations.push_back(migration_json(migration));
    std::cout << nlohmann::json{{"target", context.target.description},
                                {"current", report.current()},
                                {"history_table_exists", report.history_table_exists},
                                {"integrity_problems", report.integrity_problems},
                                {"migrations", migrations}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "target: " << context.target.description << "\n";
    if (report.migrations.empty()) {
      std::cout << "no migrations in " << context.migrations_dir.string() << " and none applied\n";
    } else {
      std::vector<std::vector<std::string>> rows = {{"MIGRATION", "STATE", "APPLIED AT"}};
      for (const auto& migration : report.migrations) {
        std::string applied_at = migration.history ? migration.history->applied_at : "";
        if (migration.history && migration.history->baselined) applied_at += " (baseline)";
        rows.push_back({migration.name, state_text(migration), applied_at});
      }
      print_table(rows);
    }
    for (const auto& problem : report.integrity_problems) std::cout << "integrity: " << problem << "\n";
    std::map<runner::State, int> counts;
    for (const auto& migration : report.migrations) ++counts[migration.state];
    std::string summary;
    for (const auto& [state, count] : counts) {
      summary += (summary.empty() ? "" : ", ") + std::to_string(count) + " " + runner::to_string(state);
    }
    std::cout << (summary.empty() ? std::string("nothing applied") : summary)
              << (report.current() ? " (current)" : " (not current)") << "\n";
  }
  if (!report.current()) throw ExitStatus(kExitFailure);
}

void print_matrix_json(const promote::EnvironmentMatrix& matrix) {
  nlohmann::json environments = nlohmann::json::array();
  for (const auto& column : matrix.columns) {
    nlohmann::json states = nlohmann::json::object();
    for (const auto& [version, state] : column.states) states[version] = runner::to_string(state);
    nlohmann::json entry = {{"name", column.environment.name},
                            {"url_env", column.environment.url_env},
                            {"protected", column.environment.is_protected},
                            {"availability", column.availability},
                            {"current", column.current ? nlohmann::json(*column.current) : nlohmann::json(nullptr)},
                            {"migrations", states}};
    if (!column.error.empty()) entry["error"] = column.error;
    environments.push_back(entry);
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [version, name] : matrix.names) rows.push_back({{"version", version}, {"name", name}});
  nlohmann::json ready = nlohmann::json::array();
  for (const auto& step : matrix.steps) {
    if (step.known) ready.push_back({{"from", step.from}, {"to", step.to}, {"migrations", step.ready}});
  }
  std::cout << nlohmann::json{{"current", matrix.all_current},
                              {"integrity_problems", matrix.integrity_problems},
                              {"environments", environments},
                              {"migrations", rows},
                              {"ready_to_promote", ready}}
                   .dump(2)
            << "\n";
}

void print_matrix_text(const promote::EnvironmentMatrix& matrix) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"MIGRATION"};
  for (const auto& column : matrix.columns) header.push_back(column.environment.name);
  rows.push_back(header);
  for (const auto& [version, name] : matrix.names) {
    std::vector<std::string> row = {name};
    for (const auto& column : matrix.columns) row.push_back(matrix.cell(column, version));
    rows.push_back(row);
  }
  print_table(rows);
  for (const auto& problem : matrix.integrity_problems) std::cout << "integrity: " << problem << "\n";
  for (const auto& column : matrix.columns) {
    if (column.availability != "ok") std::cout << column.environment.name << ": " << column.error << "\n";
  }
  for (const auto& step : matrix.steps) {
    std::cout << "ready to promote " << step.from << " -> " << step.to << ":";
    if (!step.known) std::cout << " cannot tell";
    if (step.known && step.ready.empty()) std::cout << " nothing";
    for (const auto& version : step.ready) std::cout << " " << matrix.names.at(version);
    std::cout << "\n";
  }
}

void run_status_all(const StatusArguments& arguments) {
  refuse_fleet_options(arguments.fleet);
  if (!arguments.target.url.empty() || !arguments.target.env.empty()) {
    throw UsageError("--all shows every environment: it takes no --url or --env");
  }
  const auto project = promote::find_project(arguments.target.project);
  if (!project) {
    throw Error("status --all lists the environments of strata.json, and there is no strata.json here or above "
                "(or give --project FILE)");
  }
  const auto matrix = promote::environment_matrix(
      *project, arguments.target.migrations.empty() ? project->migrations : std::filesystem::path(arguments.target.migrations));
  if (arguments.format == "json") {
    print_matrix_json(matrix);
  } else {
    print_matrix_text(matrix);
  }
  if (!matrix.all_current) throw ExitStatus(kExitFailure);
}

}  // namespace

void register_status_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<StatusArguments>();
  auto* command = app.add_subcommand("status", "Show which migrations are applied, pending, edited, missing or partial");
  add_target_options(command, arguments->target);
  command->add_flag("--all", arguments->all,
                    "Every environment of strata.json side by side, and what is ready to promote to the next one");
  command->add_option("--format", arguments->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  add_fleet_options(command, arguments->fleet, false);
  command->footer(
      "Exit 0 when the database is current (everything applied, nothing edited, missing or partial,\n"
      "strata.sum matches); 1 when it is not, or on an error: usable as a deploy gate.\n"
      "With --all: 0 only when every environment is reachable and current. An environment whose\n"
      "URL variable is unset or that cannot be reached is shown as `unset` / `unreachable`.\n"
      "--env of a fleet: one row per target (unreachable, then behind, then current) and the counts;\n"
      "exit 0 only when every target is current.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &runner] {
    runner = [arguments] { arguments->all ? run_status_all(*arguments) : run_status(*arguments); };
  });
}

}  // namespace strata::cli
