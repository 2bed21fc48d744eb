#include "advisory_lock.h"

#include <thread>

#include "history_table.h"
#include "connect.h"
#include "sessions.h"

namespace strata::runner {
namespace {

using Clock = std::chrono::steady_clock;

bool try_lock(PGconn* conn, long long key) {
  const std::string sql = "SELECT pg_try_advisory_lock(" + std::to_string(key) + ")";
  auto result = pg::exec(conn, sql, "cannot take the migration lock");
  return pg::value(result.get(), 0, 0) == "t";
}

}  // namespace

std::string session_lock_holder(PGconn* conn, long long lock_key) {
  const auto key = static_cast<unsigned long long>(lock_key);
  const std::string sql = std::string("SELECT ") + sessions::kColumns +
                          " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                          " WHERE l.locktype = 'advisory' AND l.granted"
                          " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                          " AND l.classid = " + std::to_string(key >> 32) +
                          " AND l.objid = " + std::to_string(key & 0xffffffffULL) + " AND l.objsubid = 1";
  pg::Result result = pg::send(conn, sql);
  if (!pg::succeeded(result.get())) return "";  // a description is a courtesy, not a reason to fail
  return sessions::describe(result.get());
}

SessionLock::SessionLock(PGconn* conn, const RunOptions& options, const std::string& target, bool through_pooler)
    : conn_(conn), key_(history::Location{options.schema}.session_lock_key()) {
  if (through_pooler) {
    // In transaction pooling the lock would be taken on one server connection and "released" on
    // another, and then stay held by a pooled connection, stalling every later run. Each
    // migration transaction takes the transaction lock and re-checks the history, which keeps
    // transactional migrations exactly-once without it.
    conn_ = nullptr;
    behind_pooler_ = true;
    Event event = sessions::event(Event::Kind::LockAcquired);
    event.message = "behind a connection pooler: no session lock; each migration transaction takes the transaction lock";
    sessions::emit(options, event);
    return;
  }
  const auto deadline = Clock::now() + options.lock_wait;
  std::string announced;
  while (!try_lock(conn, key_)) {
    const std::string holder = session_lock_holder(conn, key_);
    if (Clock::now() >= deadline) {
      conn_ = nullptr;
      throw RunnerError("another migration run holds the lock on " + target + " (waited " +
                            std::to_string(options.lock_wait.count()) + " ms): " +
                            (holder.empty() ? "holder not visible to this user" : holder),
                        {holder});
    }
    if (!waited_ || holder != announced) {
      Event event = sessions::event(Event::Kind::WaitingForLock);
      event.message = "waiting for another migration run: " + (holder.empty() ? "holder not visible" : holder);
      sessions::emit(options, event);
      announced = holder;
    }
    waited_ = true;
    std::this_thread::sleep_for(std::min<Clock::duration>(options.lock_poll, deadline - Clock::now()));
  }
  sessions::emit(options, sessions::event(Event::Kind::LockAcquired));
}

SessionLock::SessionLock(PGconn* conn, const std::string& target, bool through_pooler)
    : conn_(conn), key_(history::Location{}.session_lock_key()) {
  if (through_pooler) {  // as above: it would strand on a pooled server connection
    conn_ = nullptr;
    behind_pooler_ = true;
    return;
  }
  if (try_lock(conn, key_)) return;
  conn_ = nullptr;
  const std::string holder = session_lock_holder(conn, key_);
  throw RunnerError("a migration run holds the lock on " + target + ": " +
                        (holder.empty() ? "holder not visible to this user" : holder),
                    {holder});
}

SessionLock::~SessionLock() {
  if (conn_ == nullptr || pg::connection_lost(conn_)) return;
  pg::rollback_quietly(conn_);
  pg::Result ignored = pg::send(conn_, "SELECT pg_advisory_unlock(" + std::to_string(key_) + ")");
}

}  // namespace strata::runner

namespace strata::runner {

void refuse_no_transaction_behind_pooler(const SessionLock& lock, const std::vector<plan::Step>& steps,
                                         const std::string& target) {
  if (!lock.behind_pooler()) return;
  std::vector<std::string> no_transaction;
  for (const auto& step : steps) {
    if (step.file->pragmas.no_transaction) no_transaction.push_back(step.file->path.filename().string());
  }
  if (no_transaction.empty()) return;
  throw RunnerError(target + " is reached through a connection pooler, and " + no_transaction.front() +
                        (no_transaction.size() > 1 ? " (and " + std::to_string(no_transaction.size() - 1) + " more)" : "") +
                        " runs outside a transaction: its statements and settings need one server session, which a pooler "
                        "does not promise. Migrate through a direct URL to the server",
                    no_transaction);
}

}  // namespace strata::runner
