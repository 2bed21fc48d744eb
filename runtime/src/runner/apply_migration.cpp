#include "apply_migration.h"

#include <chrono>
#include <optional>
#include <thread>

#include "connect.h"
#include "sessions.h"
#include "throwaway_roles.h"
#include "strata/stopwatch.h"

namespace strata::runner {
namespace {

using Clock = std::chrono::steady_clock;
using Kind = script::RoundTrip::Kind;

using pg::kActiveSqlTransaction;
using pg::kDeadlockDetected;
using pg::kLockNotAvailable;

const sql::Statement& statement_of(const plan::Step& step, const script::RoundTrip& round_trip) {
  return step.statements.at(static_cast<std::size_t>(round_trip.statement));
}

std::string where(const plan::Step& step, const script::RoundTrip& round_trip) {
  if (round_trip.kind == Kind::FileStatement) return statement_of(step, round_trip).location.to_string();
  return step.file->path.string();
}

// COPY ... FROM STDIN / TO STDOUT leave the connection in COPY mode: end it (the server then
// fails the COPY) and collect the results, so the connection is usable for the ROLLBACK.
void abandon_copy(PGconn* conn, ExecStatusType status) {
  if (status == PGRES_COPY_IN) {
    PQputCopyEnd(conn, "COPY FROM STDIN is not supported in a migration");
  } else {
    char* buffer = nullptr;
    while (PQgetCopyData(conn, &buffer, 0) > 0) PQfreemem(buffer);
  }
  while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
}

// A statement of the file failed: the error at the file:line:col PostgreSQL pointed at, with a
// hint where the runner knows better than PostgreSQL what to do.
sql::SqlError statement_error(const plan::Step& step, const script::RoundTrip& round_trip, const PGresult* result,
                              const std::string& progress, long characters_before = 0) {
  const sql::SqlError error =
      sql::error_from_result(step.source, statement_of(step, round_trip), result, characters_before);
  std::string hint;
  if (error.sqlstate() == kActiveSqlTransaction) {
    hint = "put `-- strata:no-transaction` at the top of the migration to run it outside a transaction";
  }
  return error.with(progress.empty() ? std::vector<std::string>{} : std::vector<std::string>{progress}, hint);
}

std::string statement_count(const plan::Step& step) { return std::to_string(step.statements.size()); }

class Executor {
 public:
  Executor(const StepContext& context, const plan::Step& step) : context_(context), step_(step) {}

  StepOutcome in_transaction(const script::Script& script) {
    const auto started = Clock::now();
    for (int attempt = 0;; ++attempt) {
      const auto blocked = attempt_transaction(script);
      if (!blocked) {
        outcome_.elapsed_ms = ms_since(started);
        return outcome_;
      }
      lock_timed_out(attempt, *blocked);
    }
  }

  StepOutcome statement_by_statement(const script::Script& script) {
    const auto started = Clock::now();
    reset_ = script.back().text();
    int done = step_.statements_done;
    for (const auto& round_trip : script) {
      pg::Result result;
      for (int attempt = 0;; ++attempt) {
        result = send(round_trip);
        if (pg::succeeded(result.get())) break;
        const auto blocked = round_trip.kind == Kind::FileStatement ? blocked_by_lock(round_trip, result.get()) : std::nullopt;
        if (blocked && !pg::connection_lost(context_.conn)) {
          try {
            lock_timed_out(attempt, *blocked);
          } catch (const LockTimeoutError&) {
            pg::Result ignored = pg::send(context_.conn, reset_);
            throw;
          }
          continue;
        }
        fail_outside_transaction(round_trip, result.get(), done);
      }
      if (round_trip.kind == Kind::Claim && std::string(PQcmdTuples(result.get())) != "1") {
        // Another runner has started this migration: it is theirs to finish. Undo the settings.
        pg::Result ignored = pg::send(context_.conn, script.back().text());
        return outcome_;
      }
      if (round_trip.kind == Kind::FileStatement) {
        done = round_trip.statement + 1;
        Event event = sessions::event(Event::Kind::StatementDone, step_.migration->name());
        event.statement = done;
        event.statements = static_cast<int>(step_.statements.size());
        event.elapsed_ms = ms_since(started);
        sessions::emit(*context_.options, event);
      }
    }
    outcome_.done = true;
    outcome_.elapsed_ms = ms_since(started);
    return outcome_;
  }

 private:
  struct Blocked {
    std::string where;
    std::string error;
    std::string blockers;
    bool deadlock = false;  // chosen as the victim of a deadlock (else: lock_timeout)
  };

  // A statement that failed for want of a lock: lock_timeout, or PostgreSQL broke a deadlock by
  // cancelling it. Either way it (and, in a transaction, the migration) rolled back whole, and
  // trying again is safe.
  std::optional<Blocked> blocked_by_lock(const script::RoundTrip& round_trip, const PGresult* result) const {
    const std::string state = pg::sqlstate(result);
    if (state != kLockNotAvailable && state != kDeadlockDetected) return std::nullopt;
    return Blocked{where(step_, round_trip), pg::describe_error(context_.conn, result),
                   context_.watch ? context_.watch->last_blockers() : "", state == kDeadlockDetected};
  }

  pg::Result send(const script::RoundTrip& round_trip) {
    const std::string text = round_trip.text();
    std::optional<BlockerWatch::Scope> watching;
    // The history round trips wait for nothing a blocker could hold; only these are watched.
    if (context_.watch && (round_trip.kind == Kind::FileStatement || round_trip.kind == Kind::Prelude)) {
      watching.emplace(*context_.watch);
    }
    pg::Result result = pg::send(context_.conn, text);
    const auto status = PQresultStatus(result.get());
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
      abandon_copy(context_.conn, status);
      pg::rollback_quietly(context_.conn);
      throw sql::SqlError(statement_of(step_, round_trip).location,
                          "COPY to or from the client is not supported in a migration (the data cannot follow in "
                          "the file: use INSERT, or COPY from a file on the server)",
                          "", statement_of(step_, round_trip).sql);
    }
    return result;
  }

  // Round trips [first, end) of a transactional script go in one query string (pg::send_batch):
  // the prelude alone (its last result decides whether the step runs), then file statements that
  // can share a string (sql::runs_alone), up to kBatchStatements of them, with the history write
  // and COMMIT after the last one. Tiny migrations take two round trips instead of three, and
  // long ones a round trip per kBatchStatements statements instead of one each.
  std::size_t group_end(const script::Script& script, std::size_t first) const {
    const auto shares = [&](const script::RoundTrip& round_trip) {
      return round_trip.kind == Kind::FileStatement && !sql::runs_alone(statement_of(step_, round_trip));
    };
    if (!shares(script[first])) return first + 1;
    std::size_t end = first + 1;
    std::size_t bytes = script[first].sql.front().size();
    while (end < script.size() && shares(script[end]) && end - first < pg::kBatchStatements && bytes < pg::kBatchBytes) {
      bytes += script[end].sql.front().size();
      ++end;
    }
    if (end < script.size() && script[end].kind == Kind::Finish) ++end;
    return end;
  }

  // nullopt: done or skipped. A lock timeout or a deadlock: rolled back, to be retried.
  std::optional<Blocked> attempt_transaction(const script::Script& script) {
    for (std::size_t first = 0; first < script.size();) {
      const std::size_t end = group_end(script, first);
      std::vector<std::string> texts;
      std::vector<std::size_t> round_trip_of;  // per text: its round trip
      for (std::size_t i = first; i < end; ++i) {
        for (const auto& text : script[i].sql) {
          texts.push_back(text);
          round_trip_of.push_back(i);
        }
      }
      const auto batch = end - first == 1 ? single(script[first]) : sent(texts, script[first]);
      if (batch.failed) {
        const auto& round_trip = script[round_trip_of[batch.failed_statement]];
        const PGresult* result = batch.failed.get();
        if (pg::connection_lost(context_.conn)) connection_lost(round_trip, result);
        const auto blocked = blocked_by_lock(round_trip, result);
        const std::string error = pg::describe_error(context_.conn, result);
        pg::rollback_quietly(context_.conn);
        if (blocked && round_trip.kind != Kind::Finish) return blocked;
        if (round_trip.kind == Kind::FileStatement) {
          throw statement_error(step_, round_trip, result, "", batch.characters_before);
        }
        throw RunnerError(where(step_, round_trip) + ": " + step_.migration->name() + ": " +
                              (round_trip.kind == Kind::Finish ? "recording it in the history failed: "
                                                               : "starting its transaction failed: ") +
                              error,
                          {round_trip.text()});
      }
      const auto& last = script[end - 1];
      if (last.kind == Kind::Prelude && !last.proceed_if.empty() &&
          pg::value(batch.results.back().get(), 0, 0) != last.proceed_if) {
        pg::rollback_quietly(context_.conn);  // another runner did it while we waited for the lock
        return std::nullopt;
      }
      if (last.kind == Kind::FileStatement && PQtransactionStatus(context_.conn) != PQTRANS_INTRANS) {
        pg::rollback_quietly(context_.conn);
        throw RunnerError(where(step_, last) + ": the statement ended the migration's transaction");
      }
      first = end;
    }
    outcome_.done = true;
    return std::nullopt;
  }

  // One round trip sent as it is (a file statement exactly as written), as a batch of one.
  pg::Batch single(const script::RoundTrip& round_trip) {
    pg::Batch batch;
    pg::Result result = send(round_trip);
    if (pg::succeeded(result.get())) {
      batch.ran = 1;
      batch.results.push_back(std::move(result));
    } else {
      batch.failed = std::move(result);
    }
    return batch;
  }

  pg::Batch sent(const std::vector<std::string>& texts, const script::RoundTrip& first) {
    std::optional<BlockerWatch::Scope> watching;
    if (context_.watch && first.kind == Kind::FileStatement) watching.emplace(*context_.watch);
    return pg::send_batch(context_.conn, texts);
  }

  // Rolled back already (in a transaction) or nothing to roll back (no-transaction): wait and
  // let the caller retry, or give up naming the blocker.
  void lock_timed_out(int attempt, const Blocked& blocked) {
    const auto& timeouts = context_.options->timeouts;
    const std::string blocker = blocked.blockers.empty() ? "the blocking session was not seen" : "blocked by " + blocked.blockers;
    if (attempt < timeouts.lock_retries) {
      ++outcome_.lock_retries;
      Event event = sessions::event(Event::Kind::LockRetry, step_.migration->name());
      event.attempt = attempt + 1;
      event.message = blocked.where + ": " +
                      (blocked.deadlock ? std::string("deadlock: PostgreSQL cancelled this statement to break it")
                                        : "lock timeout (" + std::to_string(timeouts.lock_timeout.count()) + " ms)") +
                      ", " + blocker + "; retry " + std::to_string(attempt + 1) + " of " + std::to_string(timeouts.lock_retries);
      sessions::emit(*context_.options, event);
      std::this_thread::sleep_for(timeouts.retry_backoff * (1LL << std::min(attempt, 20)));
      return;
    }
    throw LockTimeoutError(blocked.where + ": " + step_.migration->name() +
                               (blocked.deadlock ? std::string(" was cancelled to break a deadlock")
                                                 : " could not get a lock within " + std::to_string(timeouts.lock_timeout.count()) + " ms") +
                               " in " + std::to_string(attempt + 1) + " attempts; " + blocker,
                           blocked.blockers, {blocked.error});
  }

  [[noreturn]] void connection_lost(const script::RoundTrip& round_trip, const PGresult* result) {
    const std::string error = pg::describe_error(context_.conn, result);
    if (round_trip.kind == Kind::Finish) {
      throw RunnerError(step_.file->path.string() + ": lost the connection to " + context_.target + " while committing " +
                            step_.migration->name() + " (" + error +
                            "): whether it was applied is unknown; `strata status` will tell");
    }
    throw RunnerError(where(step_, round_trip) + ": lost the connection to " + context_.target + " during " +
                          step_.migration->name() + " (" + error +
                          "); its transaction was not committed, so none of it is applied");
  }

  [[noreturn]] void fail_outside_transaction(const script::RoundTrip& round_trip, const PGresult* result, int done) {
    const std::string progress = step_.migration->name() + " (no-transaction): " + std::to_string(done) + " of " +
                                 statement_count(step_) + " statements done and recorded in strata.migrations";
    if (pg::connection_lost(context_.conn)) {
      throw RunnerError(where(step_, round_trip) + ": lost the connection to " + context_.target + " (" +
                        pg::describe_error(context_.conn, result) + "); " + progress +
                        "; the statement running may or may not have completed; a rerun resumes after statement " +
                        std::to_string(done));
    }
    pg::Result ignored = pg::send(context_.conn, reset_);
    if (round_trip.kind == Kind::FileStatement) {
      throw statement_error(step_, round_trip, result,
                            progress + "; after fixing the file, `strata repair` records its new checksum and a "
                                       "rerun continues after statement " + std::to_string(done));
    }
    throw RunnerError(where(step_, round_trip) + ": " + step_.migration->name() + ": updating the history failed: " +
                          pg::describe_error(context_.conn, result),
                      {round_trip.text()});
  }

  const StepContext& context_;
  const plan::Step& step_;
  StepOutcome outcome_;
  std::string reset_;  // no-transaction: the RESET of the session settings, sent after a failure too
};

}  // namespace

StepOutcome run_step(const StepContext& context, plan::Step& step,
                     const std::function<script::Script(const plan::Step&)>& make_script,
                     const std::string& started_message, const std::string& done_message) {
  const RunOptions& options = *context.options;
  if (options.create_missing_roles) throwaway::prepare_roles(context.conn, step);
  const std::string name = step.migration->name();
  Event start = sessions::event(Event::Kind::MigrationStarted, name);
  start.statements = static_cast<int>(step.statements.size());
  start.message = started_message;
  sessions::emit(options, start);
  const auto outcome = execute(context, step, make_script(step));
  if (!outcome.done) return outcome;
  Event done = sessions::event(Event::Kind::MigrationDone, name);
  done.elapsed_ms = outcome.elapsed_ms;
  done.attempt = outcome.lock_retries;
  done.statements = static_cast<int>(step.statements.size());
  done.message = done_message;
  sessions::emit(options, done);
  return outcome;
}

StepOutcome execute(const StepContext& context, const plan::Step& step, const script::Script& script) {
  Executor executor(context, step);
  return script::transactional(script) ? executor.in_transaction(script) : executor.statement_by_statement(script);
}

}  // namespace strata::runner
