// Who blocks a migration statement: once a lock timeout has fired the lock wait is over and
// PostgreSQL no longer says who held the lock, so a watcher looks while the statement runs.
//
// A thread with its own connection (opened on first need) polls pg_blocking_pids(<runner's
// backend pid>) joined to pg_stat_activity while a statement is in flight, and remembers the
// last blockers it saw. It starts polling only after the statement has run for a while
// (50 ms, less for a shorter lock_timeout), so fast migrations pay nothing but two mutex
// operations per statement.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace strata::runner {

class BlockerWatch {
 public:
  BlockerWatch(std::string connection, int backend_pid, std::chrono::milliseconds lock_timeout);
  ~BlockerWatch();
  BlockerWatch(const BlockerWatch&) = delete;
  BlockerWatch& operator=(const BlockerWatch&) = delete;

  // Brackets one round trip of migration SQL; the blockers seen are reset at each start.
  void statement_started();
  void statement_finished();
  // The blockers last seen during the latest statement ("" when none was seen).
  std::string last_blockers();

  // Marks one statement; finishes it however the scope is left.
  class Scope {
   public:
    explicit Scope(BlockerWatch& watch) : watch_(watch) { watch_.statement_started(); }
    ~Scope() { watch_.statement_finished(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    BlockerWatch& watch_;
  };

 private:
  void run();

  const std::string connection_;
  const int backend_pid_;
  const std::chrono::milliseconds first_poll_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  bool armed_ = false;
  unsigned long long generation_ = 0;  // counts statement starts
  std::chrono::steady_clock::time_point armed_at_;
  std::string blockers_;
  std::thread thread_;  // last: started once everything above is initialised
};

}  // namespace strata::runner
