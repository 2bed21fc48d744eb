#include "strata/dev_database.h"
#include "strata/pg.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <stdexcept>

#include "clusters/connection_parameters.h"
#include "clusters/idle_watchdog.h"
#include "processes/environment_variable.h"
#include "processes/file_lock.h"
#include "clusters/pg_binaries_search.h"
#include "clusters/postgres_server.h"
#include "processes/private_directory.h"
#include "strata/stable_hash.h"
#include "processes/server_account.h"
#include "strata/error.h"

namespace strata::runtime {

namespace fs = std::filesystem;

namespace {

constexpr int kPort = 5432;  // the socket directory is private to this development database
constexpr const char* kSuperuser = "strata";

// Where one development database's files are. `directory` (owned by the invoking user) holds the
// lock; server/ (owned by the server account) holds data/ and server.log; the socket is in /tmp.
struct DevLayout {
  fs::path directory;
  fs::path server_dir;
  ServerLayout server;
  fs::path lock_file() const { return directory / "dev.lock"; }
  // The idle watchdog's files (clusters/idle_watchdog.h). Nothing holds users.lock: a command's
  // use shows in last-used and, while it is connected, in the sessions the watchdog counts.
  IdleWatch idle_watch() const {
    return {lock_file(), directory / "users.lock", directory / "last-used", directory / "watchdog.pid",
            server.data_dir, {}, {}};
  }
};

DevLayout dev_layout(const fs::path& directory) {
  DevLayout layout;
  layout.directory = fs::absolute(directory).lexically_normal();
  layout.server_dir = layout.directory / "server";
  const fs::path socket_dir =
      "/tmp/strata-dev-" + std::to_string(::geteuid()) + "-" + stable_hash(layout.directory.string());
  layout.server = {layout.server_dir / "data", socket_dir, layout.server_dir / "server.log", kPort};
  return layout;
}

std::string admin_connection_string(const DevLayout& layout, const std::string& dbname) {
  return keyword_value_string(connection_parameters({layout.server.socket_dir, kPort, kSuperuser}, dbname));
}

std::string dev_url(const DevLayout& layout) {
  return std::string("postgresql:///") + kDevDatabaseName + "?host=" + layout.server.socket_dir.string() +
         "&port=" + std::to_string(kPort) + "&user=" + kSuperuser;
}

bool accepts_connections(const DevLayout& layout) {
  return PQping(admin_connection_string(layout, "postgres").c_str()) == PQPING_OK;
}

// As root the server runs as `nobody`, which must be able to get to the data directory: name the
// first directory on the way that it cannot search.
void check_reachable(const fs::path& directory, const ServerAccount& account) {
  fs::path current;
  for (const auto& part : directory) {
    current /= part;
    if (!can_traverse(account, current)) {
      throw Error("the development database in " + directory.string() +
                               " cannot be used: strata runs as root, so its PostgreSQL server runs as `" +
                               account.name + "`, which cannot enter " + current.string() +
                               ". Make the directories above it searchable (chmod o+x) or set STRATA_DEV_DIR "
                               "to a directory `" + account.name + "` can reach");
    }
  }
}

bool create_database_if_missing(const DevLayout& layout) {
  const pg::Session session(admin_connection_string(layout, "postgres"), "strata dev");
  if (!session.value("SELECT 1 FROM pg_database WHERE datname = " + pg::literal(kDevDatabaseName)).empty()) return false;
  session.exec("CREATE DATABASE " + pg::identifier(kDevDatabaseName), "cannot create the development database");
  return true;
}

}  // namespace

fs::path dev_database_directory(const fs::path& project_root) {
  if (const char* dir = std::getenv("STRATA_DEV_DIR"); dir != nullptr && *dir != '\0') {
    return fs::absolute(dir).lexically_normal();
  }
  return (fs::absolute(project_root) / ".strata" / "dev").lexically_normal();
}

DevDatabase DevDatabase::ensure(const fs::path& directory, std::chrono::milliseconds start_timeout) {
  scrub_libpq_environment();
  const auto& binaries = process_pg_binaries();
  const auto account = server_account();
  const DevLayout layout = dev_layout(directory);
  fs::create_directories(layout.directory);
  if (account) check_reachable(layout.directory, *account);

  DevDatabase database;
  {
    // Concurrent commands wait here while one of them starts the server or creates the database.
    const FileLock deciding(layout.lock_file(), FileLock::Mode::exclusive);
    const uid_t owner = account ? account->uid : ::geteuid();
    const gid_t group = account ? account->gid : ::getegid();
    ensure_private_directory(layout.server_dir, owner, group);
    ensure_private_directory(layout.server.socket_dir, owner, group);  // /tmp is emptied by reboots
    if (!accepts_connections(layout)) {
      start_daemon(binaries, layout.server, layout.server_dir, kSuperuser, account, start_timeout,
                   Durability::crash_safe);
      if (!accepts_connections(layout)) {
        throw Error("the development database's server started but does not accept connections at " +
                                 layout.server.socket_dir.string() + "; end of " +
                                 layout.server.log_file.string() + ":\n" + log_tail(layout.server.log_file));
      }
      database.started_ = true;
    }
    database.created_ = create_database_if_missing(layout);
    touch(layout.idle_watch().last_used);
    if (const auto idle = dev_idle_timeout(); idle.count() > 0) {
      auto watch = layout.idle_watch();
      watch.psql = binaries.tool("psql");
      watch.sessions_conninfo = admin_connection_string(layout, "postgres");
      ensure_idle_watchdog(watch, idle);  // also replaces one that was killed
    }
  }
  database.directory_ = layout.directory;
  database.socket_dir_ = layout.server.socket_dir;
  database.connection_string_ = admin_connection_string(layout, kDevDatabaseName);
  database.url_ = dev_url(layout);
  return database;
}

bool stop_dev_database(const fs::path& directory, std::chrono::milliseconds timeout) {
  const DevLayout layout = dev_layout(directory);
  if (!fs::exists(layout.server.data_dir / "PG_VERSION")) return false;
  scrub_libpq_environment();
  const FileLock deciding(layout.lock_file(), FileLock::Mode::exclusive);
  const bool stopped = stop_daemon(process_pg_binaries(), layout.server, layout.server_dir, server_account(), timeout);
  stop_idle_watchdog(layout.idle_watch());  // it would end within a second; nothing is left behind now
  // The server removed its socket; the empty directory in /tmp goes too (made again on demand).
  std::error_code ignored;
  fs::remove(layout.server.socket_dir, ignored);
  return stopped;
}

bool dev_database_running(const fs::path& directory) {
  scrub_libpq_environment();
  return accepts_connections(dev_layout(directory));
}

std::chrono::seconds dev_idle_timeout() {
  const auto text = environment_variable("STRATA_DEV_IDLE_TIMEOUT");
  if (text.empty()) return std::chrono::minutes(30);
  std::size_t end = 0;
  long seconds = -1;
  try {
    seconds = std::stol(text, &end);
  } catch (const std::exception&) {
  }
  if (seconds < 0 || end != text.size()) {
    throw Error("STRATA_DEV_IDLE_TIMEOUT must be a number of seconds (0: never stop), not '" + text + "'");
  }
  return std::chrono::seconds(seconds);
}

DevDatabaseState dev_database_state(const fs::path& directory) {
  const DevLayout layout = dev_layout(directory);
  DevDatabaseState state;
  state.directory = layout.directory;
  state.initialized = fs::exists(layout.server.data_dir / "PG_VERSION");
  state.running = dev_database_running(directory);
  state.url = dev_url(layout);
  std::error_code error;
  const auto last_used = fs::last_write_time(layout.idle_watch().last_used, error);
  if (!error) state.idle_for = std::chrono::duration_cast<std::chrono::seconds>(fs::file_time_type::clock::now() - last_used);
  return state;
}

}  // namespace strata::runtime
