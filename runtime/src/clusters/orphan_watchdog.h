// Removes an ephemeral cluster (stops its server, deletes its directory) if the process that
// owns it dies without doing so itself: SIGKILL, a crash, an unhandled Ctrl-C.
#pragma once

#include <sys/types.h>

#include <filesystem>

namespace strata::runtime {

// A /bin/sh child in its own session reading a pipe whose only write end we hold (close-on-exec,
// so no server or other child inherits it). The read returns end-of-file when we close it, or
// when the kernel does because we died; no polling, no pid to be reused. At end-of-file it
// checks whether the directory still exists: gone means we cleaned up normally, so it just exits;
// still there means we died, so it stops the postmaster (SIGQUIT: the data is discarded anyway)
// and removes the directory. If we die between spawning the server and its writing
// postmaster.pid, the server finds its directory gone and shuts itself down (postgres rechecks
// its lock file every minute).
class OrphanWatchdog {
 public:
  explicit OrphanWatchdog(const std::filesystem::path& cluster_dir);
  // Closes our end of the pipe and reaps the watchdog. Call after removing the directory
  // (or it removes it).
  ~OrphanWatchdog();
  OrphanWatchdog(const OrphanWatchdog&) = delete;
  OrphanWatchdog& operator=(const OrphanWatchdog&) = delete;

 private:
  int pipe_write_fd_ = -1;
  pid_t pid_ = -1;
};

}  // namespace strata::runtime
