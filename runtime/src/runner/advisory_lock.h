// The run-wide session advisory lock: one runner per database at a time.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "plan.h"
#include "strata/runner.h"

namespace strata::runner {

class SessionLock {
 public:
  // Through a connection pooler (history::Snapshot::through_pooler) it takes no lock: see
  // behind_pooler(). Otherwise polls pg_try_advisory_lock every options.lock_poll for up to options.lock_wait (a blocking
  // pg_advisory_lock could not be bounded or report who it waits for). While waiting, emits
  // WaitingForLock naming the holder whenever it changes. Throws RunnerError naming the holder
  // on timeout.
  SessionLock(PGconn* conn, const RunOptions& options, const std::string& target, bool through_pooler);
  // One attempt, no waiting (repair and baseline): RunnerError naming the holder when taken.
  SessionLock(PGconn* conn, const std::string& target, bool through_pooler);
  // The key: the database's (options.schema empty) or a tenant schema's (history::Location).
  ~SessionLock();  // unlocks; closing the connection would release it too
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;

  bool waited() const { return waited_; }
  // No session lock was taken: the connection goes through a pooler (PgBouncer), whose
  // transaction mode would strand it on a pooled server connection. Only transactional
  // migrations may run then (runner.md, "Behind PgBouncer").
  bool behind_pooler() const { return behind_pooler_; }

 private:
  PGconn* conn_;
  long long key_;
  bool waited_ = false;
  bool behind_pooler_ = false;
};

// Refuses a run through a pooler that would apply a no-transaction migration: its statements and
// session settings need one server session, which transaction pooling does not give.
// Nothing when the lock is a real session lock.
void refuse_no_transaction_behind_pooler(const SessionLock& lock, const std::vector<plan::Step>& steps,
                                         const std::string& target);

// The sessions holding the runner's session lock, described (empty when none is visible).
std::string session_lock_holder(PGconn* conn, long long key);

}  // namespace strata::runner
