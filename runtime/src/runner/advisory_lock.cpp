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

SessionLock::SessionLock(PGconn* conn, const RunOptions& options, const std::string& target)
    : conn_(conn), key_(history::Location{options.schema}.session_lock_key()) {
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

SessionLock::SessionLock(PGconn* conn, const std::string& target)
    : conn_(conn), key_(history::Location{}.session_lock_key()) {
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
