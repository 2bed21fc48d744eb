#include <libpq-fe.h>

#include <optional>
#include <stdexcept>

#include "cache_layout.h"
#include "child_process.h"
#include "connection_parameters.h"
#include "file_lock.h"
#include "idle_watchdog.h"
#include "pg_binaries_search.h"
#include "postgres_server.h"
#include "strata/cluster.h"

namespace strata::runtime {

namespace fs = std::filesystem;

namespace {

constexpr int kPort = 5432;  // the socket directory is private to this cache

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// initdb (unless a previous run did) and start the server with pg_ctl, which daemonizes it: its
// own session, parented by init once pg_ctl exits, so it outlives us and never becomes our
// zombie. pg_ctl -w also reports a server that exits while starting.
void start_server(const PgBinaries& binaries, const CacheLayout& layout, const std::string& superuser,
                  const std::optional<ServerAccount>& account, std::chrono::milliseconds timeout) {
  if (!fs::exists(layout.server.data_dir / "PG_VERSION")) {
    fs::remove_all(layout.server.data_dir);  // what an interrupted initdb left
    run_initdb(binaries, layout.server, superuser, account);
  }
  std::string options;  // pg_ctl passes -o through /bin/sh
  for (const auto& option : server_options(layout.server)) options += shell_quote(option) + " ";
  const std::vector<std::string> args = {"start", "-w",
                                         "-t",    std::to_string(std::max<long>(1, timeout.count() / 1000)),
                                         "-D",    layout.server.data_dir.string(),
                                         "-l",    layout.server.log_file.string(),
                                         "-o",    options};
  ChildSetup setup;
  setup.run_as = account;
  const CommandResult result = run_command(binaries.tool("pg_ctl"), args, setup, layout.server_dir);
  if (result.exit_code != 0) {
    throw std::runtime_error("pg_ctl start failed:\n" + result.output + "end of " +
                             layout.server.log_file.string() + ":\n" + log_tail(layout.server.log_file));
  }
}

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
  impl->layout = prepare_cache_layout(cache_root(), impl->binaries.major_version, account, kPort);
  impl->address = {impl->layout.server.socket_dir, kPort, options.superuser};

  // Concurrent acquires (other strata processes) wait here while one of them starts the server.
  const FileLock deciding(impl->layout.acquire_lock(), FileLock::Mode::exclusive);
  const std::string admin = keyword_value_string(connection_parameters(impl->address, "postgres"));
  impl->warm = PQping(admin.c_str()) == PQPING_OK;
  if (!impl->warm) {
    start_server(impl->binaries, impl->layout, options.superuser, account, options.start_timeout);
    if (PQping(admin.c_str()) != PQPING_OK) {
      throw std::runtime_error("the cached PostgreSQL server started but does not accept connections at " +
                               impl->address.socket_dir.string());
    }
  }
  ensure_idle_watchdog(impl->layout, idle_timeout);  // also replaces one that was killed
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
