#include <libpq-fe.h>

#include <optional>
#include <stdexcept>

#include "cache_layout.h"
#include "processes/child_process.h"
#include "connection_parameters.h"
#include "processes/file_lock.h"
#include "idle_watchdog.h"
#include "pg_binaries_search.h"
#include "postgres_server.h"
#include "strata/cluster.h"
#include "strata/error.h"

namespace strata::runtime {

namespace fs = std::filesystem;

namespace {

constexpr int kCachePort = 5432;  // the socket directory is private to this cache

}  // namespace

struct CachedCluster::Impl {
  PgBinaries binaries;
  CacheLayout layout;
  ServerAddress address;
  bool warm = false;
  std::optional<FileLock> in_use;  // shared: keeps the idle watchdog away while we live

  ~Impl() {
    try {
      if (in_use) touch(layout.last_used());  // idle time counts from our release
    } catch (...) {
      // Only makes the server stop earlier.
    }
  }
};

std::unique_ptr<CachedCluster> CachedCluster::acquire(std::chrono::seconds idle_timeout,
                                                      const ClusterOptions& options) {
  scrub_libpq_environment();
  auto impl = std::make_unique<Impl>();
  impl->binaries = process_pg_binaries();
  const auto account = server_account();
  impl->layout = prepare_cache_layout(cache_root(), impl->binaries.major_version, account, kCachePort);
  impl->address = {impl->layout.server.socket_dir, kCachePort, options.superuser};

  // Concurrent acquires (other strata processes) wait here while one of them starts the server.
  const FileLock deciding(impl->layout.acquire_lock(), FileLock::Mode::exclusive);
  const std::string admin = keyword_value_string(connection_parameters(impl->address, "postgres"));
  impl->warm = PQping(admin.c_str()) == PQPING_OK;
  if (!impl->warm) {
    start_daemon(impl->binaries, impl->layout.server, impl->layout.server_dir, options.superuser, account,
                 options.start_timeout);
    if (PQping(admin.c_str()) != PQPING_OK) {
      throw Error("the cached PostgreSQL server started but does not accept connections at " +
                               impl->address.socket_dir.string());
    }
  }
  ensure_idle_watchdog(idle_watch(impl->layout), idle_timeout);  // also replaces one that was killed
  touch(impl->layout.last_used());
  impl->in_use.emplace(impl->layout.users_lock(), FileLock::Mode::shared);
  return std::unique_ptr<CachedCluster>(new CachedCluster(std::move(impl)));
}

CachedCluster::CachedCluster(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CachedCluster::~CachedCluster() = default;

std::string CachedCluster::connection_string(const std::string& dbname) const {
  return keyword_value_string(connection_parameters(impl_->address, dbname));
}
std::string CachedCluster::url(const std::string& dbname) const {
  return postgresql_url(connection_parameters(impl_->address, dbname));
}
const fs::path& CachedCluster::socket_dir() const { return impl_->address.socket_dir; }
int CachedCluster::port() const { return impl_->address.port; }
const PgBinaries& CachedCluster::binaries() const { return impl_->binaries; }
bool CachedCluster::was_warm() const { return impl_->warm; }

}  // namespace strata::runtime
