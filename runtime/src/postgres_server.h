// Setting up and starting a PostgreSQL server, shared by ephemeral and cached clusters.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server_account.h"
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

// The postgres options (after -D <data>) for a scratch server: unix socket only, durability off
// (the data is disposable), log to stderr at warning level.
std::vector<std::string> server_options(const ServerLayout& layout);

// Polls PQping until the server accepts connections. Throws, with the end of the server log,
// when `server_running` turns false (it exited) or `timeout` passes.
void wait_until_accepting_connections(const std::string& connection_string,
                                      const std::function<bool()>& server_running,
                                      std::chrono::milliseconds timeout,
                                      const std::filesystem::path& log_file);

// The last lines of a server log, for error messages.
std::string log_tail(const std::filesystem::path& log_file, std::size_t max_lines = 20);

}  // namespace strata::runtime
