// The run-wide session advisory lock: one runner per database at a time.
#pragma once

#include <libpq-fe.h>

#include <string>

#include "strata/runner.h"

namespace strata::runner {

class SessionLock {
 public:
  // Polls pg_try_advisory_lock every options.lock_poll for up to options.lock_wait (a blocking
  // pg_advisory_lock could not be bounded or report who it waits for). While waiting, emits
  // WaitingForLock naming the holder whenever it changes. Throws RunnerError naming the holder
  // on timeout.
  SessionLock(PGconn* conn, const RunOptions& options, const std::string& target);
  // One attempt, no waiting (repair and baseline): RunnerError naming the holder when taken.
  SessionLock(PGconn* conn, const std::string& target);
  // The key: the database's (options.schema empty) or a tenant schema's (history::Location).
  ~SessionLock();  // unlocks; closing the connection would release it too
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;

  bool waited() const { return waited_; }

 private:
  PGconn* conn_;
  long long key_;
  bool waited_ = false;
};

// The sessions holding the runner's session lock, described (empty when none is visible).
std::string session_lock_holder(PGconn* conn, long long key);

}  // namespace strata::runner
