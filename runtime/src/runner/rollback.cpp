// rollback: down files of the newest applied migrations, newest first, each with its history
// row deleted in the same transaction.
#include <algorithm>
#include <chrono>
#include <map>

#include "advisory_lock.h"
#include "apply_migration.h"
#include "blocker_watch.h"
#include "history_table.h"
#include "connect.h"
#include "plan.h"
#include "required_roles.h"
#include "row_counts.h"
#include "script.h"
#include "sessions.h"
#include "strata/stopwatch.h"

namespace strata::runner {
namespace {

using Clock = std::chrono::steady_clock;

// The steps to revert, newest first. Throws RunnerError listing every migration that cannot be
// reverted (no down file, partial) before anything runs.
std::vector<plan::Step> revert_steps(const std::vector<migrations::Migration>& migrations,
                                     const std::vector<HistoryEntry>& history, const RollbackOptions& options) {
  if (!options.to_version && options.steps < 1) throw RunnerError("rollback needs steps >= 1 or a version to roll back to");
  std::vector<const HistoryEntry*> chosen;
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (options.to_version ? it->version <= *options.to_version
                           : static_cast<int>(chosen.size()) >= options.steps) {
      break;  // history is in version order: everything older stays
    }
    chosen.push_back(&*it);
  }
  std::map<std::string, const migrations::Migration*> files;
  for (const auto& migration : migrations) files.emplace(migration.version, &migration);
  std::vector<std::string> problems;
  std::vector<plan::Step> steps;
  for (const HistoryEntry* entry : chosen) {
    const auto it = files.find(entry->version);
    if (it == files.end()) {
      problems.push_back(entry->name + ": applied but its file is missing; nothing to roll back with");
      continue;
    }
    const auto& migration = *it->second;
    if (entry->statements_done) {
      problems.push_back(migration.name() + " is a no-transaction migration that stopped after statement " +
                         std::to_string(*entry->statements_done) +
                         "; it cannot be rolled back half-applied: finish it with migrate (or revert its completed "
                         "statements by hand and `strata repair --forget-missing` after removing the file)");
      continue;
    }
    if (!migration.down) {
      problems.push_back(migration.name() + " has no down file (" + migration.name() + ".down.sql)");
      continue;
    }
    plan::Step step;
    step.migration = &migration;
    step.file = &*migration.down;
    step.statements = plan::split_checked(*migration.down, step.source);
    steps.push_back(std::move(step));
  }
  if (!problems.empty()) {
    throw RunnerError(problems.size() == 1 ? "cannot roll back: " + problems.front()
                                           : "cannot roll back: " + problems.front() + " (and " +
                                                 std::to_string(problems.size() - 1) + " more)",
                      problems);
  }
  return steps;
}

}  // namespace

RunReport rollback(const std::string& connection, const std::vector<migrations::Migration>& migrations,
                   const RollbackOptions& rollback_options) {
  const auto started = Clock::now();
  const RunOptions& options = rollback_options.run;
  RunReport report;
  plan::check_history(migrations, {}, options.integrity_problems);
  const std::string target = pg::describe_target(connection);
  auto conn = connect(connection, "strata rollback");

  const history::Location location{options.schema};
  auto snapshot = history::read(conn.get(), location);
  plan::check_history(migrations, snapshot.entries, options.integrity_problems);
  auto steps = revert_steps(migrations, snapshot.entries, rollback_options);
  if (steps.empty()) return sessions::nothing_to_do(std::move(report), options, "nothing to roll back", started);
  const auto settings = script::settings_for(options, snapshot);

  if (options.dry_run) {
    for (const auto& step : steps) {
      report.dry_run_sql += script::render(step.migration->name() + " (down)", script::revert(step, settings)) + "\n";
    }
    report.total_ms = ms_since(started);
    return report;
  }

  SessionLock lock(conn.get(), options, target, snapshot.through_pooler);
  report.waited_for_lock = lock.waited();
  snapshot = history::read(conn.get(), location);
  plan::check_history(migrations, snapshot.entries, options.integrity_problems);
  steps = revert_steps(migrations, snapshot.entries, rollback_options);
  if (steps.empty()) return sessions::nothing_to_do(std::move(report), options, "another run rolled everything back already", started);
  refuse_no_transaction_behind_pooler(lock, steps, target);

  if (!options.create_missing_roles) require_roles(conn.get(), steps);
  std::vector<rows::Table> rows_before;
  if (options.check_row_counts) rows_before = rows::count(conn.get(), options.timeouts);
  BlockerWatch watch(connection, PQbackendPID(conn.get()), options.timeouts.lock_timeout);
  const StepContext context{conn.get(), &options, &watch, target};
  for (auto& step : steps) {
    const std::string name = step.migration->name();
    const auto outcome = run_step(
        context, step, [&](const plan::Step& ready) { return script::revert(ready, settings); }, "rolling back " + name,
        "rolled back " + name);
    if (!outcome.done) continue;  // another run reverted it meanwhile
    report.applied.push_back(AppliedMigration{step.migration->version, name, outcome.elapsed_ms, outcome.lock_retries,
                                              false, false});
  }
  // Down files lose data by nature: the counts are recorded for the report, never an error.
  if (options.check_row_counts) {
    report.rows_before = rows::by_name(rows_before);
    report.rows_after = rows::by_name(rows::count(conn.get(), options.timeouts));
  }
  report.total_ms = ms_since(started);
  return report;
}

}  // namespace strata::runner
