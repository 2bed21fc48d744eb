// The embedded development database: what `strata migrate` (and every runner command) uses when
// it is given neither --url nor --env, so that it works on a fresh machine with nothing set up.
//
// A PostgreSQL cluster of its own under `directory` ($STRATA_DEV_DIR, default
// <project root>/.strata/dev), started on first use (initdb the first time) and left running
// for the next command: pg_ctl daemonizes it. Unlike the throwaway clusters its data is kept:
// it survives the command, a crash (fsync stays on) and a reboot (the directory is not in /tmp;
// the next command starts the server again). It listens on a unix socket only, in a short
// directory under /tmp named after a hash of `directory` (socket paths are limited to 107
// bytes). As root, the server runs as `nobody`: its files are handed to that account and every
// directory above `directory` must be searchable by it. Concurrent commands coordinate through
// a lock file in `directory`. The database is `strata_dev`, created on first use.
//
// It stops by itself after $STRATA_DEV_IDLE_TIMEOUT seconds (default 30 minutes; 0: never)
// without use: no strata command and no client session connected (psql, the app). The data stays;
// the next command starts it again.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace strata::runtime {

constexpr const char* kDevDatabaseName = "strata_dev";

// $STRATA_DEV_DIR when set (made absolute), else <project_root>/.strata/dev.
std::filesystem::path dev_database_directory(const std::filesystem::path& project_root);

class DevDatabase {
 public:
  // Starts the server when it is not running and creates `strata_dev` when it is missing.
  // Throws strata::Error with a reason (and the end of the server log when it would not
  // start), e.g. when the server account cannot reach `directory`.
  static DevDatabase ensure(const std::filesystem::path& directory,
                            std::chrono::milliseconds start_timeout = std::chrono::seconds(60));

  // A libpq connection string that the caller's PG* variables cannot redirect.
  const std::string& connection_string() const { return connection_string_; }
  // A short postgresql:// URL for people and other tools: postgresql:///strata_dev?host=...
  const std::string& url() const { return url_; }
  const std::filesystem::path& directory() const { return directory_; }
  const std::filesystem::path& socket_dir() const { return socket_dir_; }
  bool started() const { return started_; }  // this call started the server
  bool created() const { return created_; }  // this call created the database

 private:
  DevDatabase() = default;
  std::string connection_string_;
  std::string url_;
  std::filesystem::path directory_;
  std::filesystem::path socket_dir_;
  bool started_ = false;
  bool created_ = false;
};

// Stops the development database's server in `directory` (fast shutdown: open sessions are
// disconnected) and waits until it is gone. Returns false when none was running there.
bool stop_dev_database(const std::filesystem::path& directory,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Whether a server is running for the development database in `directory` (it answers on its
// socket).
bool dev_database_running(const std::filesystem::path& directory);

// $STRATA_DEV_IDLE_TIMEOUT (seconds, 0 for never), else 30 minutes. Throws strata::Error for a
// value that is not a number.
std::chrono::seconds dev_idle_timeout();

// What `strata dev status` says.
struct DevDatabaseState {
  std::filesystem::path directory;
  bool initialized = false;  // initdb has run
  bool running = false;      // it answers on its socket
  std::string url;
  std::optional<std::chrono::seconds> idle_for;  // since a strata command last used it
};
DevDatabaseState dev_database_state(const std::filesystem::path& directory);

}  // namespace strata::runtime
