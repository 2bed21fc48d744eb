// Describing other database sessions (a lock holder, a blocker) for messages: who they are and
// what they are doing, from pg_stat_activity.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <string>

#include "strata/runner.h"
#include "strata/stopwatch.h"

namespace strata::runner::sessions {

// The select list matching describe(): pg_stat_activity aliased as `a`.
constexpr const char* kColumns =
    "a.pid, a.usename, a.application_name, coalesce(host(a.client_addr), 'local'), a.state, "
    "round(extract(epoch FROM now() - a.state_change)::numeric, 1), left(regexp_replace(a.query, '\\s+', ' ', 'g'), 200)";

// "pid 4711 (user alice, application psql, client local, idle in transaction for 3.2 s): LOCK TABLE t"
// for every row, joined with "; ".
std::string describe(const PGresult* rows);

inline Event event(Event::Kind kind, std::string migration = {}) {
  Event made{};
  made.kind = kind;
  made.migration = std::move(migration);
  return made;
}

inline void emit(const RunOptions& options, Event event) {
  if (options.on_event) options.on_event(event);
}

// A run (migrate or rollback) that has nothing to do: its report and its AlreadyCurrent event.
inline RunReport nothing_to_do(RunReport report, const RunOptions& options, const std::string& message,
                               std::chrono::steady_clock::time_point started) {
  report.already_current = true;
  Event event = sessions::event(Event::Kind::AlreadyCurrent);
  event.message = message;
  emit(options, event);
  report.total_ms = ms_since(started);
  return report;
}

}  // namespace strata::runner::sessions
