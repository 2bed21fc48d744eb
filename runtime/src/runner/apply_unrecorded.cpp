// apply_unrecorded: SQL that is not a versioned migration (strata push's plan), executed the
// way migrate executes a migration, without the history.
#include <chrono>

#include "advisory_lock.h"
#include "apply_migration.h"
#include "blocker_watch.h"
#include "connect.h"
#include "history_table.h"
#include "plan.h"
#include "required_roles.h"
#include "script.h"
#include "sessions.h"
#include "strata/stopwatch.h"

namespace strata::runner {

RunReport apply_unrecorded(const std::string& connection, const std::vector<migrations::Migration>& scripts,
                           const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  RunReport report;
  std::vector<plan::Step> steps;
  for (const auto& migration : scripts) {  // refused before connecting
    plan::Step step;
    step.migration = &migration;
    step.file = &migration.up;
    step.statements = plan::split_checked(migration.up, step.source);
    steps.push_back(std::move(step));
  }
  const std::string target = pg::describe_target(connection);
  auto conn = connect(connection, "strata push");
  const auto snapshot = history::read(conn.get(), history::Location{options.schema});  // the session's user and search_path
  const auto settings = script::settings_for(options, snapshot);
  if (options.dry_run) {
    for (const auto& step : steps) report.dry_run_sql += script::render(step.migration->name(), script::unrecorded(step, settings)) + "\n";
    report.total_ms = ms_since(started);
    return report;
  }

  if (!options.create_missing_roles) require_roles(conn.get(), steps);
  SessionLock lock(conn.get(), options, target, snapshot.through_pooler);  // never beside a migrate run
  report.waited_for_lock = lock.waited();
  BlockerWatch watch(connection, PQbackendPID(conn.get()), options.timeouts.lock_timeout);
  const StepContext context{conn.get(), &options, &watch, target};
  for (auto& step : steps) {
    const auto outcome = run_step(context, step, [&](const plan::Step& ready) { return script::unrecorded(ready, settings); });
    report.applied.push_back(AppliedMigration{step.migration->version, step.migration->name(), outcome.elapsed_ms,
                                              outcome.lock_retries, false, false});
  }
  report.total_ms = ms_since(started);
  return report;
}

}  // namespace strata::runner
