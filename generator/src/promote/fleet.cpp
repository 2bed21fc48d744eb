// Fleets: targets from a file or a control database; a canary wave, then bounded parallelism,
// each target through the whole runner (docs/fleets.md).
#include "strata/promote/fleet.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "strata/connection.h"
#include "strata/pg.h"
#include "strata/promote/protection.h"
#include "strata/sql_source.h"

namespace strata::promote {
namespace {

// A line of a fleet file or a row of the control query: a URL (or keyword/value string), or the
// name of a variable holding one.
FleetTarget target_from(const std::string& text, const std::string& name, const std::string& where) {
  FleetTarget target;
  if (project::valid_variable_name(text)) {
    const char* value = std::getenv(text.c_str());
    if (value == nullptr || *value == '\0') throw project::ProjectError(where + ": " + text + " is not set");
    target.connection = value;
    target.name = name.empty() ? text : name;
  } else {
    target.connection = text;
    target.name = name.empty() ? runtime::redact_password(text) : name;
  }
  runtime::remember_secrets(target.connection);
  return target;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// Runs `work(i)` for i in [first, last) on at most `parallel` threads, until `stop()` says so.
void run_bounded(std::size_t first, std::size_t last, int parallel, const std::function<bool()>& stop,
                 const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{first};
  const auto worker = [&] {
    for (std::size_t i; !stop() && (i = next++) < last;) work(i);
  };
  std::vector<std::thread> threads;
  const auto count = std::min<std::size_t>(static_cast<std::size_t>(std::max(parallel, 1)), last - first);
  for (std::size_t t = 1; t < count; ++t) threads.emplace_back(worker);
  if (count > 0) worker();
  for (auto& thread : threads) thread.join();
}

// A target's name as part of a backup file name.
std::string file_label(const std::string& fleet, const std::string& target) {
  std::string label = fleet + "-";
  for (const char c : target) label += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return label;
}

}  // namespace

const char* to_string(TargetOutcome::State state) {
  switch (state) {
    case TargetOutcome::State::applied: return "applied";
    case TargetOutcome::State::current: return "current";
    case TargetOutcome::State::failed: return "failed";
    case TargetOutcome::State::skipped: return "skipped";
  }
  return "";
}

int FleetReport::count(TargetOutcome::State state) const {
  return static_cast<int>(std::count_if(outcomes.begin(), outcomes.end(), [&](const auto& o) { return o.state == state; }));
}

std::vector<FleetTarget> fleet_targets(const project::Environment& environment) {
  if (!environment.fleet) throw project::ProjectError("environment " + environment.name + " is not a fleet");
  const auto& fleet = *environment.fleet;
  std::vector<FleetTarget> targets;
  if (!fleet.urls_file.empty()) {
    std::ifstream in(fleet.urls_file);
    if (!in) throw project::ProjectError("fleet " + environment.name + ": cannot read " + fleet.urls_file.string());
    int number = 0;
    for (std::string line; std::getline(in, line);) {
      ++number;
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      targets.push_back(target_from(line, "", fleet.urls_file.string() + ":" + std::to_string(number)));
    }
  } else if (!fleet.url_env.empty()) {
    // Schemas of one database.
    const char* database = std::getenv(fleet.url_env.c_str());
    if (database == nullptr || *database == '\0') {
      throw project::ProjectError("fleet " + environment.name + ": " + fleet.url_env +
                                  " is not set (it holds the URL of the database of its schemas)");
    }
    runtime::remember_secrets(database);
    auto schemas = fleet.schemas;
    if (!fleet.schemas_query.empty()) {
      const pg::Session session(database, "strata fleet");
      try {
        for (const auto& row : session.query(fleet.schemas_query, "fleet " + environment.name + ": the schemas query failed")) {
          if (!row.empty() && !row[0].empty()) schemas.push_back(row[0]);
        }
      } catch (const Error& error) {
        throw project::ProjectError(error.what(), error.info());
      }
    }
    for (const auto& schema : schemas) targets.push_back(FleetTarget{schema, database, schema});
  } else {
    const char* control = std::getenv(fleet.control_url_env.c_str());
    if (control == nullptr || *control == '\0') {
      throw project::ProjectError("fleet " + environment.name + ": " + fleet.control_url_env +
                                  " is not set (it holds the control database's URL)");
    }
    runtime::remember_secrets(control);
    const pg::Session session(control, "strata fleet");
    pg::Rows rows;
    try {
      rows = session.query(fleet.query, "fleet " + environment.name + ": the targets query failed");
    } catch (const Error& error) {
      throw project::ProjectError(error.what(), error.info());
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& row = rows[i];
      if (row.empty() || row[0].empty()) {
        throw project::ProjectError("fleet " + environment.name + ": row " + std::to_string(i + 1) + " of the targets query has no URL");
      }
      targets.push_back(target_from(row[0], row.size() > 1 ? row[1] : "", "fleet " + environment.name + " row " + std::to_string(i + 1)));
    }
  }
  std::set<std::string> names;
  for (const auto& target : targets) {
    if (!names.insert(target.name).second) {
      throw project::ProjectError("fleet " + environment.name + ": " + target.name + " is listed twice");
    }
  }
  if (targets.empty()) throw project::ProjectError("fleet " + environment.name + " has no targets");
  return targets;
}

std::pair<int, int> parse_shard(const std::string& text) {
  static const std::regex form("([0-9]+)/([0-9]+)");
  std::smatch match;
  if (std::regex_match(text, match, form)) {
    const int index = std::stoi(match[1]), count = std::stoi(match[2]);
    if (count >= 1 && index >= 1 && index <= count) return {index, count};
  }
  throw Error("--shard " + text + ": expected i/N with 1 <= i <= N (e.g. 2/8)");
}

std::vector<FleetTarget> fleet_targets(const project::Environment& environment, const std::string& shard_text) {
  auto targets = fleet_targets(environment);
  if (shard_text.empty()) return targets;
  const auto [index, count] = parse_shard(shard_text);
  return shard(targets, index, count);
}

std::vector<FleetTarget> shard(const std::vector<FleetTarget>& targets, int index, int count) {
  std::vector<FleetTarget> slice;
  for (std::size_t i = static_cast<std::size_t>(index - 1); i < targets.size(); i += static_cast<std::size_t>(count)) {
    slice.push_back(targets[i]);
  }
  return slice;
}

FleetReport migrate_fleet(const Context& context, const std::vector<FleetTarget>& targets, const runner::RunOptions& run,
                          const FleetOptions& options,
                          const std::function<void(const TargetOutcome&, bool started)>& on_outcome) {
  const auto& environment = context.target.environment;
  const bool schemas = std::any_of(targets.begin(), targets.end(), [](const FleetTarget& t) { return !t.schema.empty(); });
  if (schemas && environment && environment->backs_up() && !options.no_backup && !run.dry_run) {
    throw project::ProjectError("fleet " + environment->name + " is a fleet of schemas: a backup per target would dump the "
                                "whole database once per tenant; back the database up once yourself and run with "
                                "--no-backup (or set \"backup\": false)");
  }
  FleetReport report;
  for (const auto& target : targets) report.outcomes.push_back(TargetOutcome{target, TargetOutcome::State::skipped, {}, {}, {}, 0});
  std::mutex mutex;  // report, on_outcome
  std::atomic<bool> stop{false};

  const auto migrate_one = [&](std::size_t i) {
    auto& outcome = report.outcomes[i];
    {
      const std::lock_guard lock(mutex);
      if (on_outcome) on_outcome(outcome, true);
    }
    const auto start = std::chrono::steady_clock::now();
    TargetOutcome result = outcome;
    try {
      const auto& connection = outcome.target.connection;
      // A backup only when there is something to apply: a current target is not dumped.
      if (environment && environment->backs_up() && !options.no_backup && !run.dry_run &&
          !runner::status(connection, context.migrations, context.integrity_problems, outcome.target.schema).current()) {
        Context one{context.project, context.migrations_dir, {}, {}, Target{connection, outcome.target.name, environment, false}};
        one.target.environment->name = file_label(environment->name, outcome.target.name);  // the dump's name
        backup_if_configured(one, options.no_backup);
      }
      runner::RunOptions target_run = run;
      target_run.on_event = nullptr;
      target_run.schema = outcome.target.schema;
      const auto ran = runner::migrate(connection, context.migrations, target_run);
      for (const auto& applied : ran.applied) result.applied.push_back(applied.version);
      result.state = ran.applied.empty() ? TargetOutcome::State::current : TargetOutcome::State::applied;
    } catch (const std::exception& error) {
      result.state = TargetOutcome::State::failed;
      result.error = runtime::scrub_remembered_secrets(error.what());
      if (const auto* strata_error = dynamic_cast<const Error*>(&error)) result.sqlstate = strata_error->sqlstate();
      if (!options.continue_on_error) stop = true;
    }
    result.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const std::lock_guard lock(mutex);
    outcome = std::move(result);
    if (on_outcome) on_outcome(outcome, false);
  };

  const auto canary = std::min(static_cast<std::size_t>(std::max(options.canary, 0)), targets.size());
  // The canary wave: any failure there stops the run, whatever --continue-on-error says.
  std::atomic<bool> canary_failed{false};
  run_bounded(0, canary, options.parallel, [&] { return canary_failed.load(); }, [&](std::size_t i) {
    migrate_one(i);
    if (report.outcomes[i].state == TargetOutcome::State::failed) canary_failed = true;
  });
  if (canary_failed) return report;
  run_bounded(canary, targets.size(), options.parallel, [&] { return stop.load(); }, migrate_one);
  return report;
}

std::vector<TargetStatus> fleet_status(const Context& context, const std::vector<FleetTarget>& targets, int parallel) {
  std::vector<TargetStatus> statuses;
  for (const auto& target : targets) statuses.push_back(TargetStatus{target, std::nullopt, {}});
  run_bounded(0, targets.size(), parallel, [] { return false; }, [&](std::size_t i) {
    try {
      statuses[i].report =
          runner::status(targets[i].connection, context.migrations, context.integrity_problems, targets[i].schema);
    } catch (const std::exception& error) {
      statuses[i].error = runtime::scrub_remembered_secrets(error.what());
    }
  });
  return statuses;
}

}  // namespace strata::promote
