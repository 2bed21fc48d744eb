// The lock sampler of `strata rehearse`: the relation locks other sessions hold, sampled.
#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "strata/pg.h"
#include "strata/promote/rehearse.h"

namespace strata::promote {

struct LockSampler::Impl {
  std::string connection;
  int interval_ms;
  std::optional<pg::Session> session;
  std::thread thread;
  std::atomic<bool> stopping{false};
  bool gate_held = false;
  std::mutex mutex;
  std::map<unsigned, LockSeen> seen;  // by relation oid
  std::string error;
};

LockSampler::LockSampler(std::string connection, int interval_ms) : impl_(std::make_unique<Impl>()) {
  impl_->connection = std::move(connection);
  impl_->interval_ms = interval_ms;
}

LockSampler::~LockSampler() {
  if (impl_->thread.joinable()) stop();
}

void LockSampler::start() {
  auto& s = *impl_;
  s.session.emplace(s.connection, "strata rehearse lock sampler");
  if (s.session->value("SELECT to_regclass('strata.migrations') IS NOT NULL", "lock sampler") == "t") {
    s.session->exec("BEGIN", "lock sampler");
    s.session->exec("LOCK TABLE strata.migrations IN SHARE MODE", "lock sampler");
    s.gate_held = true;
  }
  s.stopping = false;
  s.thread = std::thread([this] { run(); });
}

void LockSampler::run() {
  auto& s = *impl_;
  const std::string sample =
      "SELECT l.relation::oid::bigint, coalesce(n.nspname || '.' || c.relname, ''), coalesce(c.relkind::text, '?'), "
      "l.mode, l.granted, l.relation = to_regclass('strata.migrations') "
      "FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE l.locktype = 'relation' AND l.pid <> pg_backend_pid() "
      "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
  try {
    while (!s.stopping) {
      const auto rows = s.session->query(sample, "lock sampler");
      bool runner_waits_on_gate = false;
      {
        std::lock_guard lock(s.mutex);
        for (const auto& row : rows) {
          const bool granted = row[4] == "t";
          const bool is_gate = row[5] == "t";
          if (!granted) {
            if (is_gate) runner_waits_on_gate = true;
            continue;
          }
          auto& entry = s.seen[static_cast<unsigned>(std::stoul(row[0]))];
          if (entry.relation.empty()) entry.relation = row[1];
          if (entry.relkind == '?' || entry.relkind == '\0') entry.relkind = row[2].empty() ? '?' : row[2][0];
          entry.modes.insert(row[3]);
        }
      }
      if (s.gate_held && runner_waits_on_gate) {
        s.session->exec("COMMIT", "lock sampler");
        s.gate_held = false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(s.interval_ms));
    }
  } catch (const std::exception& error) {
    std::lock_guard lock(s.mutex);
    s.error = error.what();
  }
  if (s.gate_held) {
    s.session->rollback_quietly();
    s.gate_held = false;
  }
}

std::vector<LockSeen> LockSampler::stop() {
  auto& s = *impl_;
  s.stopping = true;
  if (s.thread.joinable()) s.thread.join();
  std::vector<LockSeen> result;
  // Relations the migration created were invisible while it ran: their names now.
  for (auto& [oid, entry] : s.seen) {
    if (!entry.relation.empty() || !s.session || s.session->lost()) continue;
    const pg::Result found = s.session->send(
        "SELECT n.nspname || '.' || c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.oid = " + std::to_string(oid));
    if (pg::succeeded(found.get()) && PQntuples(found.get()) == 1) {
      entry.relation = pg::value(found.get(), 0, 0);
      entry.relkind = pg::value(found.get(), 0, 1)[0];
    }
  }
  for (auto& [oid, entry] : s.seen) {
    if (entry.relation.empty()) entry.relation = "relation " + std::to_string(oid) + " (gone)";
    const auto schema = entry.relation.substr(0, entry.relation.find('.'));
    if (schema == "pg_catalog" || schema == "information_schema" || schema == "pg_toast" || schema == "strata") continue;
    result.push_back(entry);
  }
  s.seen.clear();
  s.session.reset();
  return result;
}

}  // namespace strata::promote
