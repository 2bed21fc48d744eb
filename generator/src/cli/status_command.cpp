#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

#include "commands.h"
#include "runner_support.h"
#include "secrets.h"
#include "strata/connection.h"

namespace strata::cli {
namespace {

struct StatusArguments {
  TargetArguments target;
  bool all = false;
  std::string format = "text";
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
                         {"name", display_name(migration.version, migration.name)},
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

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << "\n";
  }
}

void run_status(const StatusArguments& arguments) {
  const Context context = open_context(arguments.target);
  const auto report = runner::status(context.target.connection, context.migrations, context.integrity_problems);
  const bool current = report.current();

  if (arguments.format == "json") {
    nlohmann::json migrations = nlohmann::json::array();
    for (const auto& migration : report.migrations) migrations.push_back(migration_json(migration));
    std::cout << nlohmann::json{{"target", context.target.description},
                                {"current", current},
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
        rows.push_back({display_name(migration.version, migration.name), state_text(migration), applied_at});
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
    std::cout << (summary.empty() ? std::string("nothing applied") : summary) << (current ? " (current)" : " (not current)")
              << "\n";
  }
  if (!current) throw ExitStatus(1);
}

// --all: every environment of strata.json, side by side.
struct EnvironmentColumn {
  const project::Environment* environment = nullptr;
  std::string availability = "ok";  // ok, unset, unreachable
  std::string error;
  std::optional<runner::StatusReport> report;
  std::map<std::string, const runner::MigrationStatus*> by_version;
};

void run_status_all(const StatusArguments& arguments) {
  const auto project = find_project(arguments.target.project);
  if (!project || project->environments.empty()) {
    throw std::runtime_error("status --all lists the environments of strata.json, and " +
                             (project ? project->file.string() + " declares none"
                                      : std::string("there is no strata.json here or above (or give --project FILE)")));
  }
  const auto migrations_dir = arguments.target.migrations.empty() ? project->migrations
                                                                  : std::filesystem::path(arguments.target.migrations);
  const auto files = migrations::read_directory(migrations_dir);
  const auto problems = migrations::verify_integrity(migrations_dir, files);

  std::vector<EnvironmentColumn> columns;
  for (const auto& environment : project->environments) {
    EnvironmentColumn column;
    column.environment = &environment;
    const auto url = project::environment_url_if_set(environment);
    if (!url) {
      column.availability = "unset";
      column.error = environment.url_env + " is not set";
    } else {
      register_secret(*url);
      try {
        column.report = runner::status(*url, files, problems);
        for (const auto& migration : column.report->migrations) column.by_version[migration.version] = &migration;
      } catch (const std::exception& error) {
        column.availability = "unreachable";
        column.error = scrub_secrets(error.what());
      }
    }
    columns.push_back(std::move(column));
  }

  // Rows: every migration any environment knows (files, and history rows without a file).
  std::map<std::string, std::string> names;  // version -> display name
  for (const auto& file : files) names[file.version] = file.name();
  for (const auto& column : columns) {
    for (const auto& [version, migration] : column.by_version) {
      names.emplace(version, display_name(version, migration->name));
    }
  }
  const auto cell = [](const EnvironmentColumn& column, const std::string& version) -> std::string {
    if (column.availability != "ok") return column.availability;
    const auto found = column.by_version.find(version);
    return found == column.by_version.end() ? "-" : runner::to_string(found->second->state);
  };
  const auto state_of = [](const EnvironmentColumn& column, const std::string& version) -> std::optional<runner::State> {
    const auto found = column.by_version.find(version);
    if (found == column.by_version.end()) return std::nullopt;
    return found->second->state;
  };
  // Ready to promote: applied in one environment, pending in the next.
  std::vector<std::pair<std::string, std::vector<std::string>>> promotable;  // "test -> prod", versions
  std::vector<std::string> unknown_steps;  // pairs with an environment that is unset or unreachable
  for (std::size_t i = 0; i + 1 < columns.size(); ++i) {
    if (columns[i].availability != "ok" || columns[i + 1].availability != "ok") {
      unknown_steps.push_back(columns[i].environment->name + " -> " + columns[i + 1].environment->name);
      continue;
    }
    std::vector<std::string> ready;
    for (const auto& [version, name] : names) {
      if (state_of(columns[i], version) == runner::State::Applied &&
          state_of(columns[i + 1], version) == runner::State::Pending) {
        ready.push_back(version);
      }
    }
    promotable.emplace_back(columns[i].environment->name + " -> " + columns[i + 1].environment->name, ready);
  }
  bool all_current = problems.empty();
  for (const auto& column : columns) all_current = all_current && column.report && column.report->current();

  if (arguments.format == "json") {
    nlohmann::json environments = nlohmann::json::array();
    for (const auto& column : columns) {
      nlohmann::json states = nlohmann::json::object();
      for (const auto& [version, migration] : column.by_version) states[version] = runner::to_string(migration->state);
      nlohmann::json entry = {{"name", column.environment->name},
                              {"url_env", column.environment->url_env},
                              {"protected", column.environment->is_protected},
                              {"availability", column.availability},
                              {"current", column.report ? nlohmann::json(column.report->current()) : nlohmann::json(nullptr)},
                              {"migrations", states}};
      if (!column.error.empty()) entry["error"] = column.error;
      environments.push_back(entry);
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [version, name] : names) rows.push_back({{"version", version}, {"name", name}});
    nlohmann::json ready = nlohmann::json::array();
    for (std::size_t i = 0; i < promotable.size(); ++i) {
      const auto arrow = promotable[i].first.find(" -> ");
      ready.push_back({{"from", promotable[i].first.substr(0, arrow)},
                       {"to", promotable[i].first.substr(arrow + 4)},
                       {"migrations", promotable[i].second}});
    }
    std::cout << nlohmann::json{{"current", all_current},
                                {"integrity_problems", problems},
                                {"environments", environments},
                                {"migrations", rows},
                                {"ready_to_promote", ready}}
                     .dump(2)
              << "\n";
  } else {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {"MIGRATION"};
    for (const auto& column : columns) header.push_back(column.environment->name);
    rows.push_back(header);
    for (const auto& [version, name] : names) {
      std::vector<std::string> row = {name};
      for (const auto& column : columns) row.push_back(cell(column, version));
      rows.push_back(row);
    }
    print_table(rows);
    for (const auto& problem : problems) std::cout << "integrity: " << problem << "\n";
    for (const auto& column : columns) {
      if (column.availability != "ok") std::cout << column.environment->name << ": " << column.error << "\n";
    }
    for (const auto& [step, versions] : promotable) {
      if (versions.empty()) {
        std::cout << "ready to promote " << step << ": nothing\n";
        continue;
      }
      std::cout << "ready to promote " << step << ":";
      for (const auto& version : versions) std::cout << " " << names[version];
      std::cout << "\n";
    }
    for (const auto& step : unknown_steps) std::cout << "ready to promote " << step << ": cannot tell\n";
  }
  if (!all_current) throw ExitStatus(1);
}

}  // namespace

void register_status_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<StatusArguments>();
  auto* command = app.add_subcommand("status", "Show which migrations are applied, pending, edited, missing or partial");
  add_target_options(command, arguments->target);
  command->add_flag("--all", arguments->all,
                    "Every environment of strata.json side by side, and what is ready to promote to the next one");
  command->add_option("--format", arguments->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->footer(
      "Exit 0 when the database is current (everything applied, nothing edited, missing or partial,\n"
      "strata.sum matches); 1 when it is not, or on an error: usable as a deploy gate.\n"
      "With --all: 0 only when every environment is reachable and current. An environment whose\n"
      "URL variable is unset or that cannot be reached is shown as `unset` / `unreachable`.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &runner] {
    runner = [arguments] {
      if (arguments->all) {
        if (!arguments->target.url.empty() || !arguments->target.env.empty()) {
          throw std::runtime_error("--all shows every environment: it takes no --url or --env");
        }
        run_status_all(*arguments);
      } else {
        run_status(*arguments);
      }
    };
  });
}

}  // namespace strata::cli
