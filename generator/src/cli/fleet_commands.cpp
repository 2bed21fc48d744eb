#include "fleet_commands.h"

#include <algorithm>
#include <iostream>

#include "report.h"
#include "strata/promote/fleet.h"

namespace strata::cli {
namespace {

using promote::TargetOutcome;

std::vector<promote::FleetTarget> selected_targets(const promote::Context& context, const FleetArguments& arguments) {
  return promote::fleet_targets(*context.target.environment, arguments.shard);
}

nlohmann::json outcome_json(const TargetOutcome& outcome, bool started) {
  nlohmann::json event = {{"event", started ? "target_started" : "target_done"}, {"target", outcome.target.name}};
  if (started) return event;
  event["state"] = promote::to_string(outcome.state);
  event["applied"] = outcome.applied;
  event["ms"] = outcome.ms;
  if (outcome.state == TargetOutcome::State::failed) {
    event["error"] = outcome.error;
    if (!outcome.sqlstate.empty()) event["sqlstate"] = outcome.sqlstate;
  }
  return event;
}

std::string outcome_text(const TargetOutcome& outcome) {
  switch (outcome.state) {
    case TargetOutcome::State::applied:
      return outcome.target.name + ": applied " + plural(outcome.applied.size(), "migration") + " in " + format_ms(outcome.ms);
    case TargetOutcome::State::current: return outcome.target.name + ": up to date";
    case TargetOutcome::State::failed: return outcome.target.name + ": FAILED: " + outcome.error;
    case TargetOutcome::State::skipped: return outcome.target.name + ": skipped (the run stopped)";
  }
  return "";
}

}  // namespace

void add_fleet_options(CLI::App* command, FleetArguments& arguments, bool migrate) {
  command->add_option("--parallel", arguments.parallel, "Fleet (--env of a fleet): targets at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  command->add_option("--shard", arguments.shard, "Fleet: only slice i of N (i/N), for a CI matrix");
  if (!migrate) return;
  command->add_option("--canary", arguments.canary, "Fleet: migrate this many targets first; a failure among them stops the run")
      ->check(CLI::Range(0, 1000000));
  command->add_flag("--continue-on-error", arguments.continue_on_error,
                    "Fleet: keep starting targets after one failed (default: stop starting new ones)");
}

void refuse_fleet_options(const FleetArguments& arguments) {
  if (!arguments.shard.empty() || arguments.canary > 0 || arguments.continue_on_error || arguments.parallel != FleetArguments{}.parallel) {
    throw UsageError("--parallel, --shard, --canary and --continue-on-error are for a fleet (--env of a fleet environment)");
  }
}

void migrate_fleet(const promote::Context& context, const FleetMigrateRequest& request) {
  if (request.dry_run) throw UsageError("--dry-run is for one database; for a fleet, strata status --env shows what is pending");
  const auto& environment = *context.target.environment;
  const auto targets = selected_targets(context, request.fleet);
  auto run = run_options(context, request.timeouts);
  if (!request.to.empty()) {
    if (!context.find(request.to)) throw UsageError("--to " + request.to + ": no migration with that version");
    run.to_version = request.to;
  }
  // A protected fleet: the environment before it (one database or every target of a fleet) must
  // have applied what this run may apply, and someone confirms once for the whole fleet.
  if (environment.is_protected) {
    std::vector<const migrations::Migration*> files;
    for (const auto& migration : context.migrations) {
      if (!run.to_version || migration.version <= *run.to_version) files.push_back(&migration);
    }
    promote::check_promotion_order(context, files);
    promote::confirm_if_protected(context.target, request.yes,
                                  "migrate its " + plural(targets.size(), "target"), terminal_ask());
  }
  promote::FleetOptions options{request.fleet.parallel, request.fleet.canary, request.fleet.continue_on_error,
                                request.no_backup};
  const auto report = promote::migrate_fleet(context, targets, run, options, [&](const TargetOutcome& outcome, bool started) {
    if (request.json) {
      std::cout << outcome_json(outcome, started).dump() << "\n" << std::flush;
    } else if (!started) {
      std::cout << outcome_text(outcome) << "\n" << std::flush;
    }
  });
  const int failed = report.count(TargetOutcome::State::failed);
  const int skipped = report.count(TargetOutcome::State::skipped);
  if (request.json) {
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& outcome : report.outcomes) {
      if (outcome.state == TargetOutcome::State::failed) failures.push_back({{"target", outcome.target.name}, {"error", outcome.error}});
    }
    std::cout << nlohmann::json{{"event", "fleet_summary"},
                                {"fleet", environment.name},
                                {"targets", targets.size()},
                                {"applied", report.count(TargetOutcome::State::applied)},
                                {"current", report.count(TargetOutcome::State::current)},
                                {"failed", failed},
                                {"skipped", skipped},
                                {"failures", failures}}
                     .dump()
              << "\n";
  } else {
    std::cout << "fleet " << environment.name << ": " << plural(targets.size(), "target") << ": "
              << report.count(TargetOutcome::State::applied) << " applied, " << report.count(TargetOutcome::State::current)
              << " already current, " << failed << " failed, " << skipped << " skipped\n";
    for (const auto& outcome : report.outcomes) {
      if (outcome.state == TargetOutcome::State::skipped) std::cout << "  not started: " << outcome.target.name << "\n";
    }
  }
  if (failed > 0 || skipped > 0) throw ExitStatus(kExitFailure);
}

void status_fleet(const promote::Context& context, const FleetArguments& arguments, bool json) {
  const auto targets = selected_targets(context, arguments);
  auto statuses = promote::fleet_status(context, targets, arguments.parallel);
  // Unreachable first, then behind (most pending first), then current.
  const auto rank = [](const promote::TargetStatus& status) {
    if (!status.report) return std::make_pair(0, 0);
    const auto pending = static_cast<int>(status.report->pending().size());
    return status.report->current() ? std::make_pair(2, 0) : std::make_pair(1, -pending);
  };
  std::stable_sort(statuses.begin(), statuses.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  int unreachable = 0, behind = 0, current = 0;
  nlohmann::json rows = nlohmann::json::array();
  std::vector<std::vector<std::string>> table = {{"TARGET", "STATE", "APPLIED", "FIRST PENDING"}};
  for (const auto& status : statuses) {
    std::string state, first_pending;
    std::size_t applied = 0;
    std::vector<std::string> pending;
    nlohmann::json states = nlohmann::json::object();  // the matrix: version -> state, per target
    if (!status.report) {
      state = "unreachable";
      ++unreachable;
    } else {
      for (const auto& migration : status.report->migrations) {
        applied += migration.state == runner::State::Applied;
        states[migration.version] = runner::to_string(migration.state);
      }
      for (const auto* migration : status.report->pending()) pending.push_back(migration->version);
      if (!status.report->pending().empty()) first_pending = status.report->pending().front()->name;
      state = status.report->current() ? "current" : "behind";
      ++(status.report->current() ? current : behind);
    }
    rows.push_back({{"target", status.target.name}, {"state", state}, {"applied", applied}, {"pending", pending},
                    {"migrations", states},
                    {"error", status.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(status.error)}});
    table.push_back({status.target.name, state, std::to_string(applied) + "/" + std::to_string(context.migrations.size()),
                     status.report ? first_pending : status.error});
  }
  if (json) {
    std::cout << nlohmann::json{{"fleet", context.target.environment->name},
                                {"counts", {{"current", current}, {"behind", behind}, {"unreachable", unreachable}}},
                                {"targets", rows}}
                     .dump(2)
              << "\n";
  } else {
    print_table(table);
    std::cout << "fleet " << context.target.environment->name << ": " << plural(statuses.size(), "target") << ": " << current
              << " current, " << behind << " behind, " << unreachable << " unreachable\n";
  }
  if (current != static_cast<int>(statuses.size())) throw ExitStatus(kExitFailure);
}

}  // namespace strata::cli
