#include "blocker_watch.h"

#include <algorithm>
#include <optional>

#include "connect.h"
#include "sessions.h"

namespace strata::runner {
namespace {

using namespace std::chrono_literals;

// Within the lock timeout, look at least twice: a lock_timeout of 200 ms is seen at 50 and
// ~116 ms; the default 5 s at 50 ms and every 100 ms after.
std::chrono::milliseconds first_poll_for(std::chrono::milliseconds lock_timeout) {
  if (lock_timeout <= 0ms) return 50ms;  // no lock timeout: blockers are only informative
  return std::clamp(lock_timeout / 4, 5ms, 50ms);
}

std::chrono::milliseconds interval_for(std::chrono::milliseconds lock_timeout) {
  if (lock_timeout <= 0ms) return 100ms;
  return std::clamp(lock_timeout / 3, 5ms, 100ms);
}

}  // namespace

BlockerWatch::BlockerWatch(std::string connection, int backend_pid, std::chrono::milliseconds lock_timeout)
    : connection_(std::move(connection)),
      backend_pid_(backend_pid),
      first_poll_(first_poll_for(lock_timeout)),
      interval_(interval_for(lock_timeout)),
      thread_([this] { run(); }) {}

BlockerWatch::~BlockerWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BlockerWatch::statement_started() {
  {
    std::lock_guard lock(mutex_);
    armed_ = true;
    ++generation_;
    armed_at_ = std::chrono::steady_clock::now();
    blockers_.clear();
  }
  changed_.notify_all();
}

void BlockerWatch::statement_finished() {
  std::lock_guard lock(mutex_);
  armed_ = false;  // no notify: the watcher notices when it next wakes up
}

std::string BlockerWatch::last_blockers() {
  std::lock_guard lock(mutex_);
  return blockers_;
}

void BlockerWatch::run() {
  std::optional<pg::Session> conn;
  const std::string sql = std::string("SELECT ") + sessions::kColumns +
                          " FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(" +
                          std::to_string(backend_pid_) + ")) ORDER BY a.pid";
  // Connected before the first statement: a lock timeout of 200 ms leaves no time to connect
  // once a statement waits (a loaded machine takes longer than that to start a backend).
  try {
    conn.emplace(connect(connection_, "strata migrate (blocker watch)"));
  } catch (const std::exception&) {
    conn.reset();  // tried again when a statement waits
  }
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (!armed_) {
      changed_.wait(lock, [this] { return stopping_ || armed_; });
      continue;
    }
    const auto generation = generation_;
    // Not yet: fast statements finish before the first look.
    if (changed_.wait_until(lock, armed_at_ + first_poll_, [&] { return stopping_ || !armed_ || generation_ != generation; })) {
      continue;
    }
    while (!stopping_ && armed_ && generation_ == generation) {
      lock.unlock();
      std::string seen;
      bool looked = false;
      try {
        if (!conn || conn->lost()) conn.emplace(connect(connection_, "strata migrate (blocker watch)"));
        pg::Result result = conn->send(sql);
        if (pg::succeeded(result.get())) {
          looked = true;
          seen = sessions::describe(result.get());
        }
      } catch (const std::exception&) {
        conn.reset();  // the server may be restarting; the migration itself will report that
      }
      lock.lock();
      if (looked && !seen.empty() && generation_ == generation) blockers_ = seen;
      changed_.wait_for(lock, interval_, [&] { return stopping_ || !armed_ || generation_ != generation; });
    }
  }
}

}  // namespace strata::runner
