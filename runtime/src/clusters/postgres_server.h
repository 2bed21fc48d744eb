// Setting up and starting a PostgreSQL server, shared by ephemeral and cached clusters.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "processes/server_account.h"
#include "strata/cluster.h"

namespace strata::runtime {

// Where one server's files are.
struct ServerLayout {
  std::filesystem::path data_dir;
  std::filesystem::path socket_dir;
  std::filesystem::path log_file;
  int port = 5432;  // with no TCP listener it only names the socket file in socket_dir
};

// initdb with trust authentication, UTF8, C locale, no fsync; as `account` when given.
// Throws with initdb's output when it fails.
void run_initdb(const PgBinaries& binaries, const ServerLayout& layout, const std::string& superuser,
                const std::optional<ServerAccount>& account);

// Whether a server's data must survive a crash: scratch clusters are disposable (fsync and
// full-page writes off); the development database keeps its data across crashes and reboots.
enum class Durability { disposable, crash_safe };

// The postgres options (after -D <data>): unix socket only, log to stderr at warning level;
// durability off (fsync, full-page writes, synchronous commit) for a disposable server, only
// synchronous commit off (a crash may lose the last commits, never corrupt) for a crash-safe one.
std::vector<std::string> server_options(const ServerLayout& layout, Durability durability = Durability::disposable);

// initdb (unless the data directory already has a cluster) and start the server with pg_ctl,
// which daemonizes it: its own session, parented by init once pg_ctl exits, so it outlives us
// and never becomes our zombie. pg_ctl -w also reports a server that exits while starting.
// pg_ctl runs in `working_dir` (which the account must be able to enter). Throws with pg_ctl's
// output and the end of the server log.
void start_daemon(const PgBinaries& binaries, const ServerLayout& layout, const std::filesystem::path& working_dir,
                  const std::string& superuser, const std::optional<ServerAccount>& account,
                  std::chrono::milliseconds timeout, Durability durability = Durability::disposable);

// pg_ctl stop -m fast -w for a server started by start_daemon. Returns false when no server
// was running in `layout.data_dir`; throws when pg_ctl fails to stop a running one.
bool stop_daemon(const PgBinaries& binaries, const ServerLayout& layout, const std::filesystem::path& working_dir,
                 const std::optional<ServerAccount>& account, std::chrono::milliseconds timeout);

// Polls PQping until the server accepts connections. Throws, with the end of the server log,
// when `server_running` turns false (it exited) or `timeout` passes.
void wait_until_accepting_connections(const std::string& connection_string,
                                      const std::function<bool()>& server_running,
                                      std::chrono::milliseconds timeout,
                                      const std::filesystem::path& log_file);

// The last lines of a server log, for error messages.
std::string log_tail(const std::filesystem::path& log_file, std::size_t max_lines = 20);

}  // namespace strata::runtime
