#include "orphan_watchdog.h"

#include <fcntl.h>
#include <unistd.h>

#include <system_error>

#include "processes/child_process.h"
#include "processes/process_status.h"
#include "processes/os_error.h"

namespace strata::runtime {

namespace bp = boost::process;

namespace {

// $1: the cluster directory, holding data/ (so data/postmaster.pid) and the socket.
constexpr const char* kScript = R"sh(
while read -r _; do :; done
[ -d "$1" ] || exit 0
pidfile="$1/data/postmaster.pid"
if [ -f "$pidfile" ]; then
  read -r pid < "$pidfile"
  kill -QUIT "$pid" 2>/dev/null
  tries=0
  while [ -f "$pidfile" ] && [ "$tries" -lt 50 ]; do sleep 0.1; tries=$((tries + 1)); done
  [ -f "$pidfile" ] && kill -KILL "$pid" 2>/dev/null
fi
rm -rf "$1"
)sh";

}  // namespace

OrphanWatchdog::OrphanWatchdog(const std::filesystem::path& cluster_dir) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw os_error("pipe2");
  ChildSetup setup;
  setup.new_session = true;  // a Ctrl-C that kills us must not kill the watchdog too
  setup.stdin_fd = fds[0];
  try {
    bp::child watchdog("/bin/sh", bp::args({"-c", kScript, "strata-watchdog", cluster_dir.string()}),
                       server_environment(), bp::std_out > bp::null, bp::std_err > bp::null, setup);
    pid_ = watchdog.id();
    watchdog.detach();  // we reap it ourselves, in the destructor
  } catch (...) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw;
  }
  ::close(fds[0]);
  pipe_write_fd_ = fds[1];
}

OrphanWatchdog::~OrphanWatchdog() {
  ::close(pipe_write_fd_);
  // Immediate when the directory is gone; up to a few seconds when it has cleanup to do.
  wait_for_child_exit(pid_, std::chrono::seconds(10));
}

}  // namespace strata::runtime
