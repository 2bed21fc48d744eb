#include <mutex>
#include <optional>
#include <vector>

#include "strata/cluster.h"
#include "strata/pg.h"

namespace strata::runtime {

// Sessions to the `postgres` database between create/drop calls: a scratch database costs two
// of them otherwise. Several threads may use a cluster at once, each taking its own session.
struct Cluster::AdminSessions {
  std::mutex mutex;
  std::vector<pg::Session> idle;
  std::optional<bool> durable;  // the server's fsync, once known
};

Cluster::Cluster() : admin_(std::make_unique<AdminSessions>()) {}
Cluster::~Cluster() = default;

void Cluster::administer(const std::string& sql) const {
  std::optional<pg::Session> session;
  {
    std::lock_guard lock(admin_->mutex);
    if (!admin_->idle.empty()) {
      session.emplace(std::move(admin_->idle.back()));
      admin_->idle.pop_back();
    }
  }
  // A kept session may have been closed by a server restart: then once more on a new one.
  if (session && session->lost()) session.reset();
  for (bool retried = false;; retried = true) {
    if (!session) session.emplace(connection_string("postgres"), "strata");
    try {
      session->exec(sql);
      break;
    } catch (const Error&) {
      if (retried || !session->lost()) throw;
      session.reset();
    }
  }
  std::lock_guard lock(admin_->mutex);
  if (admin_->idle.size() < 4) admin_->idle.push_back(std::move(*session));
}

void Cluster::create_database(const std::string& name, const std::string& template_name) const {
  std::optional<bool> durable;
  {
    std::lock_guard lock(admin_->mutex);
    durable = admin_->durable;
  }
  if (!durable) {
    const pg::Session probe(connection_string("postgres"), "strata");
    durable = probe.value("SELECT current_setting('fsync')::boolean") == "t";
    std::lock_guard lock(admin_->mutex);
    admin_->durable = durable;
  }
  // Without fsync (strata's throwaway clusters) the checkpoints of FILE_COPY cost next to nothing
  // and copying the files beats writing every page to the WAL (WAL_LOG, the default), which is
  // most of loading a small schema (docs/benchmarks.md).
  administer("CREATE DATABASE " + pg::identifier(name) + " TEMPLATE " + pg::identifier(template_name) +
             (*durable ? "" : " STRATEGY FILE_COPY"));
}

void Cluster::drop_database(const std::string& name) const {
  // FORCE: terminate sessions still connected, e.g. a connection a failed test leaked.
  administer("DROP DATABASE IF EXISTS " + pg::identifier(name) + " WITH (FORCE)");
}

}  // namespace strata::runtime
