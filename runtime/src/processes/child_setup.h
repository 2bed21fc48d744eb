// What a child process of the runtime does between fork() and exec(): leave our session, run
// as the unprivileged server account, take a given fd as stdin.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <boost/process/extend.hpp>
#include <optional>
#include <system_error>

#include "server_account.h"

namespace strata::runtime {

// A Boost.Process extension. on_exec_setup runs in the forked child, so it only makes
// async-signal-safe calls; everything it needs (uid, gid) was looked up in the parent.
struct ChildSetup : boost::process::extend::handler {
  // setsid(): its own session and process group, so a Ctrl-C (SIGINT to the terminal's
  // foreground group) or a signal to our process group does not reach it.
  bool new_session = false;
  // Drop to this account (initdb and postgres refuse to run as root).
  std::optional<ServerAccount> run_as;
  // When >= 0, becomes the child's stdin (the orphan watchdog's end of its pipe).
  int stdin_fd = -1;
  // Mark every descriptor above stderr close-on-exec, so a daemon it starts (pg_ctl's server)
  // does not keep the caller's pipes open: a build tool (Ninja) that started `strata migrate`
  // waits for EOF on its pipe, which a server holding it would never give.
  bool cloexec_inherited = false;

  template <class Executor>
  void on_exec_setup(Executor& exec) const {
    if (new_session && ::setsid() < 0) fail(exec, "setsid");
    if (cloexec_inherited && ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
      for (int fd = 3; fd < 4096; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);  // kernels before 5.11
    }
    if (stdin_fd >= 0 && ::dup2(stdin_fd, STDIN_FILENO) < 0) fail(exec, "dup2");
    if (run_as) {
      // Supplementary groups first, then the group, then the user: after setuid we could not.
      if (::setgroups(0, nullptr) < 0) fail(exec, "setgroups");
      if (::setgid(run_as->gid) < 0) fail(exec, "setgid");
      if (::setuid(run_as->uid) < 0) fail(exec, "setuid");
    }
  }

 private:
  // Reports the error through Boost's pipe (the parent's spawn throws it) and ends the child.
  template <class Executor>
  [[noreturn]] static void fail(Executor& exec, const char* what) {
    exec.set_error(std::error_code(errno, std::system_category()), what);
    ::_exit(127);
  }
};

}  // namespace strata::runtime
