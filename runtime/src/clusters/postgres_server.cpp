#include "postgres_server.h"

#include <libpq-fe.h>

#include <deque>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include <functional>

#include "processes/child_process.h"
#include "processes/process_status.h"
#include "strata/error.h"

namespace strata::runtime {

namespace {

namespace fs = std::filesystem;

void initdb_into(const PgBinaries& binaries, const fs::path& data_dir, const std::string& superuser,
                 const std::optional<ServerAccount>& account) {
  const std::vector<std::string> args = {
      "-D", data_dir.string(), "-U", superuser,
      "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C",
  };
  ChildSetup setup;
  setup.run_as = account;
  // Run from the data dir's parent: as `nobody`, our own working directory may be unreadable.
  const CommandResult result = run_command(binaries.tool("initdb"), args, setup, data_dir.parent_path());
  if (result.exit_code != 0) {
    throw Error(describe_command(binaries.tool("initdb"), args) + " failed (exit code " +
                             std::to_string(result.exit_code) + "):\n" + result.output);
  }
}

// What an initdb produces depends only on the binaries, the superuser name and the account, so
// the key names all three (the postgres binary's size and mtime stand for its version).
fs::path initdb_template_dir(const PgBinaries& binaries, const std::string& superuser,
                             const std::optional<ServerAccount>& account) {
  std::error_code error;
  const auto postgres = binaries.tool("postgres");
  const auto stamp = binaries.bindir.string() + "|" + std::to_string(fs::file_size(postgres, error)) + "|" +
                     std::to_string(fs::last_write_time(postgres, error).time_since_epoch().count()) + "|" +
                     superuser + "|" + std::to_string(account ? account->uid : ::geteuid());
  // Not named strata-*: the stale-directory sweep owns those names.
  return fs::temp_directory_path() /
         (".strata-initdb-" + std::to_string(::geteuid()) + "-" + std::to_string(std::hash<std::string>{}(stamp)));
}

// Builds the template once: initdb into a private directory, then rename it into place, so a
// concurrent reader sees either no template or a complete one.
void ensure_initdb_template(const fs::path& template_dir, const PgBinaries& binaries, const std::string& superuser,
                            const std::optional<ServerAccount>& account) {
  if (fs::exists(template_dir / "data" / "PG_VERSION")) return;
  const fs::path building = template_dir.string() + ".building-" + std::to_string(::getpid());
  fs::remove_all(building);
  fs::create_directories(building);
  fs::permissions(building, fs::perms::owner_all);
  if (account) give_to(building, *account);
  initdb_into(binaries, building / "data", superuser, account);
  std::error_code error;
  fs::rename(building, template_dir, error);  // another process may have won the race: fine
  if (error) fs::remove_all(building);
}

}  // namespace

void run_initdb(const PgBinaries& binaries, const ServerLayout& layout, const std::string& superuser,
                const std::optional<ServerAccount>& account) {
  // initdb costs about a second (bootstrapping template1 and friends); copying the data
  // directory of an earlier identical initdb costs a fraction of that. `cp -a` keeps the
  // owner (the server account when we are root) and the 0700 modes PostgreSQL insists on.
  const auto template_dir = initdb_template_dir(binaries, superuser, account);
  try {
    ensure_initdb_template(template_dir, binaries, superuser, account);
    const CommandResult copy = run_command("/bin/cp", {"-a", (template_dir / "data").string(), layout.data_dir.string()});
    if (copy.exit_code == 0) return;
    fs::remove_all(layout.data_dir);
  } catch (const std::exception&) {
    fs::remove_all(layout.data_dir);  // fall back to a plain initdb below, which reports its own errors
  }
  initdb_into(binaries, layout.data_dir, superuser, account);
}

std::vector<std::string> server_options(const ServerLayout& layout, Durability durability) {
  std::vector<std::string> options = {"-k", layout.socket_dir.string(), "-p", std::to_string(layout.port)};
  std::vector<const char*> settings = {
      "listen_addresses=",  // no TCP: nothing to collide with, nothing reachable from outside
      "synchronous_commit=off",
      "max_connections=100",
      "shared_buffers=128MB",
      "log_min_messages=warning",
      "logging_collector=off",  // stderr, which our caller points at the log file
  };
  if (durability == Durability::disposable) {
    settings.insert(settings.end(), {"fsync=off", "full_page_writes=off"});  // the data is disposable
    // Room in the lock table (max_locks_per_transaction x max_connections slots, about 24 MB of
    // shared memory here) for a migration of thousands of tables in one transaction replayed
    // while a schema loads beside it: at 5,000 tables `strata generate` ran out of it (53200) with
    // the default 64.
    settings.push_back("max_locks_per_transaction=1024");
  }
  for (const char* setting : settings) options.insert(options.end(), {"-c", setting});
  return options;
}

namespace {

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

void start_daemon(const PgBinaries& binaries, const ServerLayout& layout, const fs::path& working_dir,
                  const std::string& superuser, const std::optional<ServerAccount>& account,
                  std::chrono::milliseconds timeout, Durability durability) {
  if (!fs::exists(layout.data_dir / "PG_VERSION")) {
    fs::remove_all(layout.data_dir);  // what an interrupted initdb left
    run_initdb(binaries, layout, superuser, account);
  }
  std::string options;  // pg_ctl passes -o through /bin/sh
  for (const auto& option : server_options(layout, durability)) options += shell_quote(option) + " ";
  const std::vector<std::string> args = {"start", "-w",
                                         "-t",    std::to_string(std::max<long>(1, timeout.count() / 1000)),
                                         "-D",    layout.data_dir.string(),
                                         "-l",    layout.log_file.string(),
                                         "-o",    options};
  ChildSetup setup;
  setup.run_as = account;
  setup.cloexec_inherited = true;  // the daemon must not hold our caller's pipes
  const CommandResult result = run_command(binaries.tool("pg_ctl"), args, setup, working_dir);
  if (result.exit_code != 0) {
    throw Error("pg_ctl start failed:\n" + result.output + "end of " + layout.log_file.string() +
                             ":\n" + log_tail(layout.log_file));
  }
}

bool stop_daemon(const PgBinaries& binaries, const ServerLayout& layout, const fs::path& working_dir,
                 const std::optional<ServerAccount>& account, std::chrono::milliseconds timeout) {
  if (!fs::exists(layout.data_dir / "postmaster.pid")) return false;
  ChildSetup setup;
  setup.run_as = account;
  const auto seconds = std::to_string(std::max<long>(1, timeout.count() / 1000));
  // pg_ctl status: 3 when no server runs there (a postmaster.pid left by a crash or a reboot).
  const CommandResult status =
      run_command(binaries.tool("pg_ctl"), {"status", "-D", layout.data_dir.string()}, setup, working_dir);
  if (status.exit_code == 3) return false;
  const std::vector<std::string> args = {"stop", "-w", "-m", "fast", "-t", seconds, "-D", layout.data_dir.string()};
  const CommandResult result = run_command(binaries.tool("pg_ctl"), args, setup, working_dir);
  if (result.exit_code != 0) {
    throw Error("pg_ctl stop failed:\n" + result.output + "end of " + layout.log_file.string() +
                             ":\n" + log_tail(layout.log_file));
  }
  return true;
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
    throw Error("cannot connect to the PostgreSQL server: invalid connection parameters");
  }
  const std::string what = exited ? "the PostgreSQL server exited while starting"
                                  : "the PostgreSQL server did not accept connections within " +
                                        std::to_string(timeout.count()) + " ms";
  throw Error(what + "; end of " + log_file.string() + ":\n" + log_tail(log_file));
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
