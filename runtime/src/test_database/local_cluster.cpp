// The local backend's shared cluster seen from outside a test: its state, stopping it at the end
// of a run, and what a run left behind.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "clusters/cache_layout.h"
#include "clusters/pg_binaries_search.h"
#include "processes/process_status.h"
#include "processes/server_account.h"
#include "strata/test_database.h"
#include "strata/error.h"

namespace strata::testdb {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr int kPort = 5432;  // as in cached_cluster.cpp: the socket directory is the cache's own

std::optional<runtime::CacheLayout> existing_layout(const fs::path& root) {
  const auto& binaries = runtime::process_pg_binaries();
  if (!fs::exists(root / ("pg" + std::to_string(binaries.major_version)))) return std::nullopt;
  return runtime::prepare_cache_layout(root, binaries.major_version, runtime::server_account(), kPort);
}

// An exclusive flock, polled until `deadline`; -1 when not granted in time.
int lock_exclusive_until(const fs::path& file, std::chrono::steady_clock::time_point deadline) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::close(fd);
      return -1;
    }
    std::this_thread::sleep_for(20ms);
  }
  return fd;
}

fs::path normalized(const fs::path& path) {
  std::error_code error;
  auto absolute = fs::weakly_canonical(fs::absolute(path), error);
  if (error) absolute = fs::absolute(path).lexically_normal();
  auto text = absolute.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::set<pid_t> self_and_ancestors() {
  std::set<pid_t> pids;
  for (pid_t pid = ::getpid(); pid > 1 && pids.insert(pid).second;) {
    std::istringstream status(read_text("/proc/" + std::to_string(pid) + "/status"));
    pid_t parent = 0;
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("PPid:", 0) == 0) parent = static_cast<pid_t>(std::stol(line.substr(5)));
    }
    pid = parent;
  }
  return pids;
}

// Processes whose environment names this cache (what the run started: servers, their backends,
// watchdogs, test processes), except us and our ancestors.
std::vector<std::string> processes_of(const fs::path& root) {
  const auto ignored = self_and_ancestors();
  std::vector<std::string> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc", error)) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto pid = static_cast<pid_t>(std::stol(name));
    if (ignored.contains(pid) || !runtime::process_alive(pid)) continue;
    const std::string environment = read_text(entry.path() / "environ");
    std::size_t start = 0;
    bool ours = false;
    for (std::size_t end; (end = environment.find('\0', start)) != std::string::npos; start = end + 1) {
      const std::string variable = environment.substr(start, end - start);
      if (variable.rfind("STRATA_CACHE_DIR=", 0) == 0 && normalized(variable.substr(17)) == root) ours = true;
    }
    if (!ours) continue;
    std::string command = read_text(entry.path() / "cmdline");
    for (auto& c : command) c = c == '\0' ? ' ' : c;
    found.push_back("process " + name + " still running: " + command);
  }
  return found;
}

// Throwaway cluster directories (EphemeralCluster: <temp root>/strata-XXXXXX/owner.pid) whose
// owner is gone, created since `since`.
std::vector<std::string> orphaned_cluster_directories(std::chrono::system_clock::time_point since) {
  std::set<fs::path> roots = {"/tmp"};
  if (const char* tmpdir = std::getenv("TMPDIR"); tmpdir != nullptr && *tmpdir != '\0') roots.insert(tmpdir);
  std::vector<std::string> found;
  for (const auto& root : roots) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(root, error)) {
      const auto name = entry.path().filename().string();
      if (name.rfind("strata-", 0) != 0 || name.size() != 13 || !entry.is_directory(error)) continue;
      const auto owner_file = entry.path() / "owner.pid";
      const auto written = fs::last_write_time(owner_file, error);
      if (error) continue;
      const auto written_at = std::chrono::file_clock::to_sys(written);
      long owner = 0;
      std::ifstream(owner_file) >> owner;
      if (written_at >= since && owner > 0 && !runtime::process_alive(static_cast<pid_t>(owner))) {
        found.push_back("directory left behind: " + entry.path().string() + " (owner " + std::to_string(owner) +
                        " is gone)");
      }
    }
  }
  return found;
}

// Files and directories a run left in the temporary roots: named strata* and changed since
// `since`. Not counted: the throwaway cluster directories (strata-XXXXXX, the check above), the
// development databases' socket directories (strata-dev-*: removed when a database stops, which a
// consumer test running beside the cleanup may not have done yet), and cached clusters' server
// directories (strata-cache-*: a cache, documented, kept across runs).
// Only the temporary directory of this process ($TMPDIR, else /tmp): a run given a TMPDIR of its
// own is not blamed for what others running beside it have in /tmp.
std::vector<std::string> temporary_entries_left(std::chrono::system_clock::time_point since) {
  std::vector<std::string> found;
  const fs::path root = fs::temp_directory_path();
  {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(root, error)) {
      const auto name = entry.path().filename().string();
      if (name.rfind("strata", 0) != 0) continue;
      if ((name.rfind("strata-", 0) == 0 && name.size() == 13) || name.rfind("strata-dev-", 0) == 0 ||
          name.rfind("strata-cache-", 0) == 0) {
        continue;
      }
      std::error_code time_error;
      const auto written = fs::last_write_time(entry.path(), time_error);
      if (time_error || std::chrono::file_clock::to_sys(written) < since) continue;
      found.push_back("left in " + root.string() + ": " + entry.path().string());
    }
  }
  return found;
}

}  // namespace

LocalClusterState local_cluster_state() {
  LocalClusterState state;
  state.cache_root = runtime::cache_root();
  if (const auto layout = existing_layout(state.cache_root)) {
    state.data_dir = layout->server.data_dir;
    if (const auto pid = runtime::read_postmaster_pid(state.data_dir); pid && runtime::process_alive(*pid)) {
      state.postmaster_pid = *pid;
    }
  }
  return state;
}

bool stop_local_cluster(std::chrono::seconds wait, bool purge) {
  const auto layout = existing_layout(runtime::cache_root());
  if (!layout) return false;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  // The idle watchdog's protocol: no acquire deciding, nobody holding the cluster.
  const int acquire_fd = lock_exclusive_until(layout->acquire_lock(), deadline);
  if (acquire_fd < 0) throw Error("timed out waiting for " + layout->acquire_lock().string());
  const int users_fd = lock_exclusive_until(layout->users_lock(), deadline);
  if (users_fd < 0) {
    ::close(acquire_fd);
    throw Error("the shared test cluster is still in use (" + layout->users_lock().string() +
                             "): a test process is still running");
  }
  bool was_running = false;
  if (const auto pid = runtime::read_postmaster_pid(layout->server.data_dir); pid && runtime::process_alive(*pid)) {
    was_running = true;
    ::kill(*pid, SIGINT);  // fast shutdown
    const auto gone = [&] {
      return !runtime::process_alive(*pid) && !fs::exists(layout->server.data_dir / "postmaster.pid");
    };
    if (!runtime::poll_until(gone, 20s, 10ms)) {
      ::kill(*pid, SIGQUIT);
      runtime::poll_until(gone, 5s, 10ms);
    }
  }
  if (purge) {
    std::error_code ignored;
    fs::remove_all(layout->server_dir, ignored);
    fs::remove_all(layout->state_dir, ignored);
  }
  ::close(users_fd);
  ::close(acquire_fd);
  return was_running;
}

std::vector<std::string> find_leftovers(const fs::path& cache_root, std::chrono::system_clock::time_point since,
                                        std::chrono::milliseconds grace) {
  const auto root = normalized(cache_root);
  std::vector<std::string> found;
  // Servers stop, watchdogs notice within a second, orphan watchdogs remove their directories.
  runtime::poll_until(
      [&] {
        found = processes_of(root);
        for (auto& line : orphaned_cluster_directories(since)) found.push_back(std::move(line));
        for (auto& line : temporary_entries_left(since)) found.push_back(std::move(line));
        return found.empty();
      },
      grace, 100ms);
  return found;
}

}  // namespace strata::testdb
