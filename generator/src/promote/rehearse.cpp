#include "strata/connection.h"
#include "strata/promote/rehearse.h"

namespace strata::promote {
namespace {

// The migration of one step on the copy: its time, the locks it took, the rows it changed.
void rehearse_step(RehearsalStep& step, const Context& context, const std::string& copy, runner::RunOptions options) {
  LockSampler sampler(copy);
  sampler.start();
  options.to_version = step.migration->version;
  try {
    const auto report = runner::migrate(copy, context.migrations, options);
    step.status = "applied";
    for (const auto& applied : report.applied) {
      step.execution_ms += applied.execution_ms;
      step.lock_retries += applied.lock_retries;
    }
  } catch (const Error& error) {
    step.status = "failed";
    step.failure = error;
  } catch (const std::exception& error) {
    step.status = "failed";
    step.failure = Error(error.what());
  }
  step.locks = sampler.stop();
  step.rows_after = runner::count_rows(copy);
  step.vanished = runner::vanished_rows(step.rows_before, step.rows_after);
  for (const auto& [table, rows] : step.rows_before) {
    if (!step.rows_after.count(table)) step.dropped_tables.push_back(table);
  }
}

}  // namespace

Rehearsal rehearse(const Context& context, source::Loader& loader, const RehearseOptions& options) {
  Rehearsal rehearsal;
  const bool from_snapshot = !options.snapshot.empty();
  const std::string source = from_snapshot ? options.snapshot : context.target.connection;
  if (from_snapshot) runtime::remember_secrets(options.snapshot);
  rehearsal.source = from_snapshot ? "snapshot " + runtime::redact_password(options.snapshot) : context.target.description;

  const runtime::ScratchDatabase copy(loader.cluster(), "strata_rehearse");
  const std::string copy_connection = copy.connection_string();
  rehearsal.copy = copy_database(source, copy_connection, options.copy_progress);

  const auto status = runner::status(copy_connection, context.migrations, context.integrity_problems);
  try {
    rehearsal.drift = compute_drift(context, status, is_dump_file(source) ? copy_connection : source, loader);
  } catch (const runner::RunnerError& error) {
    rehearsal.drift_error = error.what();
    for (const auto& detail : error.details()) rehearsal.drift_error += "; " + detail;
  }

  for (const auto* pending : pending_files(context, status)) {
    RehearsalStep step;
    step.migration = pending;
    rehearsal.steps.push_back(step);
  }
  rehearsal.rows_before = runner::count_rows(copy_connection);
  runner::RowCounts current = rehearsal.rows_before;
  for (auto& step : rehearsal.steps) {
    step.rows_before = current;
    rehearse_step(step, context, copy_connection, options.run);
    current = step.rows_after;
    rehearsal.total_ms += step.execution_ms;
    if (step.failure) {
      rehearsal.success = false;
      break;
    }
  }
  rehearsal.rows_after = current;
  return rehearsal;
}

}  // namespace strata::promote
