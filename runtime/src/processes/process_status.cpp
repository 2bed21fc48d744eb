#include "process_status.h"

#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <string>
#include <thread>

namespace strata::runtime {

namespace {

// Linux: the state is the field after the parenthesised command name in /proc/<pid>/stat.
bool is_zombie(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  std::getline(stat, text);
  const auto name_end = text.rfind(')');
  return name_end != std::string::npos && name_end + 2 < text.size() && text[name_end + 2] == 'Z';
}

}  // namespace

bool process_alive(pid_t pid) {
  if (pid <= 0) return false;
  if (::kill(pid, 0) != 0 && errno != EPERM) return false;
  return !is_zombie(pid);
}

bool poll_until(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
  return true;
}

bool child_has_exited(pid_t child) {
  int status = 0;
  const pid_t result = ::waitpid(child, &status, WNOHANG);
  return result == child || (result < 0 && errno == ECHILD);
}

bool wait_for_child_exit(pid_t child, std::chrono::milliseconds timeout) {
  return poll_until([child] { return child_has_exited(child); }, timeout);
}

void stop_child(pid_t child, int first_signal, std::chrono::milliseconds grace) {
  if (child <= 0) return;
  ::kill(child, first_signal);
  if (wait_for_child_exit(child, grace)) return;
  ::kill(child, SIGQUIT);
  if (wait_for_child_exit(child, std::chrono::seconds(2))) return;
  ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
}

std::optional<pid_t> read_postmaster_pid(const std::filesystem::path& data_dir) {
  std::ifstream file(data_dir / "postmaster.pid");
  long pid = 0;
  if (file >> pid && pid > 0) return static_cast<pid_t>(pid);
  return std::nullopt;
}

}  // namespace strata::runtime
