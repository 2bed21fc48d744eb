#include <unistd.h>

#include <csignal>
#include <optional>

#include "processes/child_process.h"
#include "connection_parameters.h"
#include "ephemeral_directory.h"
#include "orphan_watchdog.h"
#include "pg_binaries_search.h"
#include "postgres_server.h"
#include "processes/process_status.h"
#include "strata/cluster.h"

namespace strata::runtime {

namespace bp = boost::process;
namespace fs = std::filesystem;

namespace {

// With no TCP listener the port only names the socket file, and the directory is ours alone.
constexpr int kPrivatePort = 5432;
constexpr auto kFastShutdownGrace = std::chrono::seconds(10);

// postgres as our direct child, in its own session (a Ctrl-C to the terminal must not stop it
// before our destructor does), stdin from /dev/null, stdout and stderr into the log file.
pid_t spawn_postgres(const PgBinaries& binaries, const ServerLayout& layout,
                     const std::optional<ServerAccount>& account) {
  std::vector<std::string> args = {"-D", layout.data_dir.string()};
  for (auto& option : server_options(layout)) args.push_back(std::move(option));
  ChildSetup setup;
  setup.new_session = true;
  setup.run_as = account;
  bp::child server(binaries.tool("postgres").string(), bp::args(args), server_environment(),
                   (bp::std_out & bp::std_err) > layout.log_file.string(), bp::std_in < bp::null,
                   bp::start_dir = layout.socket_dir.string(), setup);
  const pid_t pid = server.id();
  server.detach();  // we stop and reap it ourselves (Boost would SIGKILL it on destruction)
  return pid;
}

}  // namespace

struct EphemeralCluster::Impl {
  pid_t owner = ::getpid();
  PgBinaries binaries;
  fs::path dir;  // owner.pid, data/, the socket, server.log
  ServerLayout layout;
  ServerAddress address;
  std::optional<OrphanWatchdog> watchdog;
  pid_t server_pid = -1;

  // Also the cleanup of a failed start: whatever was set up is undone. Not in a forked child
  // that exits normally: the server and directory belong to its parent.
  ~Impl() {
    if (::getpid() != owner) return;
    if (server_pid > 0) stop_child(server_pid, SIGINT, kFastShutdownGrace);
    std::error_code ignored;
    if (!dir.empty()) fs::remove_all(dir, ignored);
    watchdog.reset();  // after the directory is gone, so that it just exits
  }
};

std::unique_ptr<EphemeralCluster> EphemeralCluster::start(const ClusterOptions& options) {
  scrub_libpq_environment();
  auto impl = std::make_unique<Impl>();
  impl->binaries = process_pg_binaries();
  const auto account = server_account();
  const fs::path root = choose_temp_root(options.temp_root, account, kPrivatePort);
  sweep_stale_ephemeral_directories(root);

  impl->dir = create_ephemeral_directory(root);
  impl->watchdog.emplace(impl->dir);  // from here on, our death removes the directory
  if (account) give_to(impl->dir, *account);
  impl->layout = {impl->dir / "data", impl->dir, impl->dir / "server.log", kPrivatePort};
  impl->address = {impl->dir, kPrivatePort, options.superuser};

  run_initdb(impl->binaries, impl->layout, options.superuser, account);
  impl->server_pid = spawn_postgres(impl->binaries, impl->layout, account);
  Impl& started = *impl;
  const auto server_running = [&started] {
    if (!child_has_exited(started.server_pid)) return true;
    started.server_pid = -1;  // reaped: the pid is no longer ours to signal
    return false;
  };
  wait_until_accepting_connections(keyword_value_string(connection_parameters(impl->address, "postgres")),
                                   server_running, options.start_timeout, impl->layout.log_file);
  return std::unique_ptr<EphemeralCluster>(new EphemeralCluster(std::move(impl)));
}

EphemeralCluster::EphemeralCluster(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EphemeralCluster::~EphemeralCluster() = default;

std::string EphemeralCluster::connection_string(const std::string& dbname) const {
  return keyword_value_string(connection_parameters(impl_->address, dbname));
}
std::string EphemeralCluster::url(const std::string& dbname) const {
  return postgresql_url(connection_parameters(impl_->address, dbname));
}
const fs::path& EphemeralCluster::socket_dir() const { return impl_->address.socket_dir; }
int EphemeralCluster::port() const { return impl_->address.port; }
const PgBinaries& EphemeralCluster::binaries() const { return impl_->binaries; }
const fs::path& EphemeralCluster::directory() const { return impl_->dir; }
int EphemeralCluster::server_pid() const { return impl_->server_pid; }

}  // namespace strata::runtime
