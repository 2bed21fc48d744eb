// migrate: check everything, take the lock, re-read the history, apply what is pending.
#include <chrono>
#include <optional>

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

history::Row row_for(const plan::Step& step, const RunOptions& options, const std::string& applied_by) {
  return history::Row{step.migration->version, step.migration->name(), checksum(*step.migration), applied_by,
                      options.strata_version};
}

std::string dry_run_sql(const std::vector<plan::Step>& steps, bool create_history, const RunOptions& options,
                        const script::Settings& settings, const std::string& applied_by) {
  std::string text;
  if (create_history) text += script::render("strata: history table", {script::create_history(history::Location{options.schema})}) + "\n";
  for (const auto& step : steps) {
    text += script::render(step.migration->name(), script::apply(step, row_for(step, options, applied_by), settings));
    text += "\n";
  }
  return text;
}

void announce_out_of_order(const std::vector<plan::Step>& steps, const RunOptions& options) {
  for (const auto& step : steps) {
    if (!step.out_of_order) continue;
    Event event = sessions::event(Event::Kind::OutOfOrder, step.migration->name());
    event.message = step.migration->name() + " is older than the newest applied migration (merged from another "
                                             "branch?); it is applied now";
    sessions::emit(options, event);
  }
}

}  // namespace

RunReport migrate(const std::string& connection, const std::vector<migrations::Migration>& migrations,
                  const RunOptions& options) {
  const auto started = Clock::now();
  RunReport report;
  plan::check_history(migrations, {}, options.integrity_problems);  // refuse before connecting
  const std::string target = pg::describe_target(connection);
  auto conn = connect(connection);

  const history::Location location{options.schema};
  auto snapshot = history::read(conn.get(), location);
  plan::check_history(migrations, snapshot.entries, options.integrity_problems);
  auto steps = plan::pending(migrations, snapshot.entries, options.to_version);
  const std::string applied_by =
      options.applied_by.empty() ? history::default_applied_by(snapshot.current_user) : options.applied_by;
  if (steps.empty()) return sessions::nothing_to_do(std::move(report), options, "nothing to apply", started);
  const auto settings = script::settings_for(options, snapshot);

  if (options.dry_run) {
    announce_out_of_order(steps, options);
    report.dry_run_sql = dry_run_sql(steps, !snapshot.table_exists, options, settings, applied_by);
    report.total_ms = ms_since(started);
    return report;
  }

  SessionLock lock(conn.get(), options, target, snapshot.through_pooler);
  report.waited_for_lock = lock.waited();
  if (!snapshot.table_exists) {
    pg::exec(conn.get(), script::create_history(location).text(), "cannot create " + location.table());
  }
  // What was read before the lock may be stale: another runner may have applied (or begun)
  // some of it while this one waited.
  snapshot = history::read(conn.get(), location);
  plan::check_history(migrations, snapshot.entries, options.integrity_problems);
  steps = plan::pending(migrations, snapshot.entries, options.to_version);
  if (steps.empty()) {
    return sessions::nothing_to_do(std::move(report), options, "another migration run applied everything pending", started);
  }
  refuse_no_transaction_behind_pooler(lock, steps, target);
  announce_out_of_order(steps, options);

  if (!options.create_missing_roles) require_roles(conn.get(), steps);
  std::vector<rows::Table> rows_before;
  if (options.check_row_counts) rows_before = rows::count(conn.get(), options.timeouts);

  BlockerWatch watch(connection, PQbackendPID(conn.get()), options.timeouts.lock_timeout);
  const StepContext context{conn.get(), &options, &watch, target};
  bool destructive = false;
  for (auto& step : steps) {
    const std::string name = step.migration->name();
    if (step.resuming) {
      Event event = sessions::event(Event::Kind::Resuming, name);
      event.statement = step.statements_done;
      event.statements = static_cast<int>(step.statements.size());
      event.message = name + ": resuming after statement " + std::to_string(step.statements_done) + " of " +
                      std::to_string(step.statements.size());
      sessions::emit(options, event);
    }
    const auto outcome = run_step(context, step, [&](const plan::Step& ready) {
      return script::apply(ready, row_for(ready, options, applied_by), settings);
    });
    if (!outcome.done) {
      Event skipped = sessions::event(Event::Kind::AlreadyCurrent, name);
      skipped.message = name + " was applied by another migration run meanwhile";
      sessions::emit(options, skipped);
      continue;
    }
    destructive = destructive || step.file->pragmas.destructive;
    report.applied.push_back(AppliedMigration{step.migration->version, name, outcome.elapsed_ms, outcome.lock_retries,
                                              step.out_of_order, step.resuming});
  }

  if (options.check_row_counts) {
    const auto rows_after = rows::count(conn.get(), options.timeouts);
    report.rows_before = rows::by_name(rows_before);
    report.rows_after = rows::by_name(rows_after);
    const auto lost = rows::vanished(rows_before, rows_after);
    if (!lost.empty() && !destructive && !report.applied.empty()) {
      throw RunnerError("applied, but rows vanished and no applied migration is marked `-- strata:destructive`: " +
                            lost.front() + (lost.size() > 1 ? " (and " + std::to_string(lost.size() - 1) + " more)" : ""),
                        lost);
    }
  }
  report.total_ms = ms_since(started);
  return report;
}

}  // namespace strata::runner
