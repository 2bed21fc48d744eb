#include "postgres_server.h"

#include <libpq-fe.h>

#include <deque>
#include <fstream>
#include <stdexcept>

#include "child_process.h"
#include "process_status.h"

namespace strata::runtime {

void run_initdb(const PgBinaries& binaries, const ServerLayout& layout, const std::string& superuser,
                const std::optional<ServerAccount>& account) {
  const std::vector<std::string> args = {
      "-D", layout.data_dir.string(), "-U", superuser,
      "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C",
  };
  ChildSetup setup;
  setup.run_as = account;
  // Run from the data dir's parent: as `nobody`, our own working directory may be unreadable.
  const CommandResult result =
      run_command(binaries.tool("initdb"), args, setup, layout.data_dir.parent_path());
  if (result.exit_code != 0) {
    throw std::runtime_error(describe_command(binaries.tool("initdb"), args) + " failed (exit code " +
                             std::to_string(result.exit_code) + "):\n" + result.output);
  }
}

std::vector<std::string> server_options(const ServerLayout& layout) {
  std::vector<std::string> options = {"-k", layout.socket_dir.string(), "-p", std::to_string(layout.port)};
  for (const char* setting : {
           "listen_addresses=",  // no TCP: nothing to collide with, nothing reachable from outside
           "fsync=off",          // durability off: the data is disposable
           "synchronous_commit=off",
           "full_page_writes=off",
           "max_connections=100",
           "shared_buffers=128MB",
           "log_min_messages=warning",
           "logging_collector=off",  // stderr, which our caller points at the log file
       }) {
    options.insert(options.end(), {"-c", setting});
  }
  return options;
}

void wait_until_accepting_connections(const std::string& connection_string,
                                      const std::function<bool()>& server_running,
                                      std::chrono::milliseconds timeout,
                                      const std::filesystem::path& log_file) {
  PGPing ping = PQPING_NO_RESPONSE;
  bool exited = false;
  poll_until(
      [&] {
        ping = PQping(connection_string.c_str());
        exited = ping != PQPING_OK && !server_running();
        return ping == PQPING_OK || ping == PQPING_NO_ATTEMPT || exited;
      },
      timeout, std::chrono::milliseconds(10));
  if (ping == PQPING_OK) return;
  if (ping == PQPING_NO_ATTEMPT) {  // libpq rejected the parameters: waiting would not help
    throw std::runtime_error("cannot connect to the PostgreSQL server: invalid connection parameters");
  }
  const std::string what = exited ? "the PostgreSQL server exited while starting"
                                  : "the PostgreSQL server did not accept connections within " +
                                        std::to_string(timeout.count()) + " ms";
  throw std::runtime_error(what + "; end of " + log_file.string() + ":\n" + log_tail(log_file));
}

std::string log_tail(const std::filesystem::path& log_file, std::size_t max_lines) {
  std::ifstream file(log_file);
  std::deque<std::string> lines;
  for (std::string line; std::getline(file, line);) {
    lines.push_back(std::move(line));
    if (lines.size() > max_lines) lines.pop_front();
  }
  std::string tail;
  for (const auto& line : lines) tail += line + "\n";
  return tail.empty() ? "(empty)\n" : tail;
}

}  // namespace strata::runtime
