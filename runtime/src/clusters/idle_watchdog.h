// Stops a server (the cached cluster's, the development database's) once nobody has used it for a
// while.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "cache_layout.h"

namespace strata::runtime {

// The files one watchdog works with.
struct IdleWatch {
  std::filesystem::path acquire_lock;  // held exclusively while a command decides to use the server
  std::filesystem::path users_lock;    // held shared by every user that must not lose the server
  std::filesystem::path last_used;     // its mtime: the last use
  std::filesystem::path pid_file;      // the watchdog's own pid
  std::filesystem::path data_dir;      // the server's (postmaster.pid)
  // When set, a psql and a connection string: once the idle time is up, the server counts as used
  // while any client session is connected to it (people connect to the development database with
  // their own tools, which touch no file of ours).
  std::filesystem::path psql;
  std::string sessions_conninfo;
};

IdleWatch idle_watch(const CacheLayout& layout);

// Starts the watchdog of the server whose data is `watch.data_dir` unless its watchdog (pid_file)
// is alive. Call with the acquire lock held.
//
// It is a detached /bin/sh loop in its own session (it outlives us; init reaps it) that every
// second checks the age of the last-used file, which every acquire and release touches. Past
// `idle_timeout` (and, with a probe, when no client session is connected) it takes the acquire
// lock and the users lock exclusively, both without waiting (so never while an acquire is
// deciding to use the server, nor while any holder holds it, however long), stops the server with
// a fast shutdown and waits for it to be gone before releasing the locks (so an acquire never
// finds a server that is shutting down). It exits when the server is gone, whoever stopped it.
// The timeout is the one given by the acquire that started the watchdog.
void ensure_idle_watchdog(const IdleWatch& watch, std::chrono::seconds idle_timeout);

// Ends the watchdog (when its server was stopped by hand), waiting up to 2 s for it to be gone.
void stop_idle_watchdog(const IdleWatch& watch);

}  // namespace strata::runtime
