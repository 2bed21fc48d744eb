// What a TemplatePool and its leases share: the server, the template, the background thread's
// work (clones to keep ready, databases to drop) and the statistics.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "strata/pg.h"
#include "strata/test_database.h"

namespace strata::testdb {

struct PoolState {
  std::shared_ptr<Server> server;
  std::vector<migrations::Migration> migrations;
  PoolOptions options;
  std::string key;
  std::string template_name;
  CloneStrategy strategy = CloneStrategy::wal_log;
  std::int64_t template_bytes = 0;

  std::mutex mutex;  // everything below
  std::condition_variable wake;
  std::deque<std::string> to_drop;
  bool stopping = false;  // the pool is gone: leases drop their database themselves
  PoolStats stats;
  int counter = 0;
  pg::Session* worker_session = nullptr;  // to hang up on a clone being made at shutdown
  bool worker_creating = false;

  std::mutex admin_mutex;  // the callers' session
  std::unique_ptr<pg::Session> admin;

  std::thread worker;

  int next_counter() {
    const std::lock_guard lock(mutex);
    return ++counter;
  }
  std::string admin_connection_string() const { return server->connection_string(server->admin_database()); }
  // On the callers' session (opened, or reopened after a failure, on demand).
  template <class F>
  auto with_admin(F&& f) {
    const std::lock_guard lock(admin_mutex);
    if (!admin || admin->lost()) admin = std::make_unique<pg::Session>(admin_connection_string());
    return f(*admin);
  }
  void drop_now(const std::string& name);
  void release(const std::string& name);  // background drop, or at once when there is no worker
};

}  // namespace strata::testdb
