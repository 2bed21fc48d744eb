// What a child process of the runtime does between fork() and exec(): leave our session, run
// as the unprivileged server account, take a given fd as stdin.
#pragma once

#include <grp.h>
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

  template <class Executor>
  void on_exec_setup(Executor& exec) const {
    if (new_session && ::setsid() < 0) fail(exec, "setsid");
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
