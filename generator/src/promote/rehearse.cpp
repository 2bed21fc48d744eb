#include <chrono>

#include "strata/connection.h"
#include "strata/promote/rehearse.h"
#include "strata/stopwatch.h"

namespace strata::promote {
namespace {

// The copy's catalog as the proof compares it (the strata schema aside, scoped like the diff).
model::Catalog catalog_of(source::Loader& loader, const std::string& copy) {
  return loader.load(source::Source::database(copy)).catalog;
}

// The invariants after one applied step, on the rows sampled before it. What the step did is the
// diff of the copy's catalogs: its destructive changes (a dropped column, a lossy retype) are what
// the migration means to lose, not a broken invariant; hand-written renames read as drop and
// create, so their values are not compared either. `from` becomes the catalog after the step.
void check_step(RehearsalStep& step, const prove::Snapshot& before, model::Catalog& from, source::Loader& loader,
                const std::string& copy) {
  const auto start = std::chrono::steady_clock::now();
  step.checked = true;
  step.proof_notes = before.notes;
  try {
    auto to = catalog_of(loader, copy);
    const auto plan = diff::diff(from, to);
    step.invariants = prove::check_after_up(copy, before, from, to, plan, {});
    from = std::move(to);
  } catch (const std::exception& error) {
    step.invariants.push_back({"(the copy)", "", "the proof on data runs", error.what(),
                               "rehearse with --sample-rows 0 to apply without it, and report this"});
  }
  step.proof_ms += ms_since(start);
}

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

bool RehearsalStep::breaks_invariants() const {
  for (const auto& violation : invariants) {
    if (!violation.warning && !violation.changes_data) return true;
  }
  return false;
}

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
  const bool prove = options.sample_rows > 0 && !rehearsal.steps.empty();
  model::Catalog catalog = prove ? catalog_of(loader, copy_connection) : model::Catalog{};
  for (auto& step : rehearsal.steps) {
    step.rows_before = current;
    std::optional<prove::Snapshot> sample;
    if (prove) {
      const auto start = std::chrono::steady_clock::now();
      sample = prove::snapshot(copy_connection, catalog, {}, options.sample_rows);
      step.proof_ms = ms_since(start);
    }
    rehearse_step(step, context, copy_connection, options.run);
    current = step.rows_after;
    rehearsal.total_ms += step.execution_ms;
    if (sample && !step.failure) check_step(step, *sample, catalog, loader, copy_connection);
    if (step.failure || step.breaks_invariants()) {
      rehearsal.success = false;
      break;
    }
  }
  rehearsal.rows_after = current;
  return rehearsal;
}

}  // namespace strata::promote
