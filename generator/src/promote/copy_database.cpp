#include "strata/promote/rehearse.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "strata/backup.h"
#include "strata/cluster.h"
#include "strata/connection.h"
#include "strata/stopwatch.h"

extern char** environ;

namespace strata::promote {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// A child with stdin/stdout as given (-1: /dev/null) and stderr into `log`.
pid_t spawn(const fs::path& program, const std::vector<std::string>& args, int in, int out, const fs::path& log,
            const std::vector<std::string>& extra_environment) {
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "PGPASSWORD=", 11) != 0) environment.emplace_back(*e);
  }
  for (const auto& e : extra_environment) environment.push_back(e);
  std::vector<char*> envp, argv;
  for (auto& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> all = {program.string()};
  all.insert(all.end(), args.begin(), args.end());
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) throw Error("fork failed: " + std::string(std::strerror(errno)));
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(in >= 0 ? in : null, STDIN_FILENO);
    ::dup2(out >= 0 ? out : null, STDOUT_FILENO);
    const int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(err >= 0 ? err : null, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

std::string read_log(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return runtime::scrub_remembered_secrets(runtime::redact_password(text.str()));
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "strata-rehearse-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw Error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

bool is_dump_file(const std::string& source) {
  if (source.rfind("file://", 0) == 0) return true;
  if (source.rfind("postgres://", 0) == 0 || source.rfind("postgresql://", 0) == 0) return false;
  if (source.find('=') != std::string::npos) return false;  // keyword=value
  return true;
}

CopyResult copy_database(const std::string& source, const std::string& destination,
                         const std::function<void(long long)>& progress) {
  const auto binaries = runtime::PgBinaries::find();
  const TempDir logs;
  const auto start = Clock::now();
  CopyResult result;
  const std::vector<std::string> restore_args = {"--no-owner", "--no-privileges", "--exit-on-error",
                                                 "--dbname=" + destination};

  if (is_dump_file(source)) {
    const fs::path file = source.rfind("file://", 0) == 0 ? fs::path(source.substr(7)) : fs::path(source);
    if (!fs::is_regular_file(file)) throw Error("--snapshot-url " + file.string() + ": no such dump file");
    auto args = restore_args;
    args.push_back(file.string());
    const pid_t restore = spawn(binaries.tool("pg_restore"), args, -1, -1, logs.path / "pg_restore.log", {});
    if (const int code = wait_for(restore); code != 0) {
      throw Error("pg_restore of " + file.string() + " failed (exit code " + std::to_string(code) +
                               "):\n" + read_log(logs.path / "pg_restore.log"));
    }
    result.bytes = static_cast<long long>(fs::file_size(file));
    result.elapsed_ms = ms_since(start);
    return result;
  }

  const auto client = backup::split_password(source);
  std::vector<std::string> dump_environment;
  if (client.password) dump_environment.push_back("PGPASSWORD=" + *client.password);
  int from_dump[2], to_restore[2];
  if (::pipe2(from_dump, O_CLOEXEC) != 0 || ::pipe2(to_restore, O_CLOEXEC) != 0) {
    throw Error("pipe failed: " + std::string(std::strerror(errno)));
  }
  const pid_t dump = spawn(binaries.tool("pg_dump"), {"--format=custom", "--dbname=" + client.connection}, -1,
                           from_dump[1], logs.path / "pg_dump.log", dump_environment);
  ::close(from_dump[1]);
  const pid_t restore = spawn(binaries.tool("pg_restore"), restore_args, to_restore[0], -1,
                              logs.path / "pg_restore.log", {});
  ::close(to_restore[0]);

  // Pump the dump through ourselves, counting bytes (the progress of a large copy).
  const auto old_sigpipe = ::signal(SIGPIPE, SIG_IGN);
  std::vector<char> buffer(1 << 16);
  auto last_report = Clock::now();
  bool restore_gone = false;
  for (;;) {
    const ssize_t n = ::read(from_dump[0], buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.bytes += n;
    for (ssize_t written = 0; written < n && !restore_gone;) {
      const ssize_t w = ::write(to_restore[1], buffer.data() + written, static_cast<size_t>(n - written));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        restore_gone = true;
        break;
      }
      written += w;
    }
    if (progress && Clock::now() - last_report > std::chrono::milliseconds(250)) {
      progress(result.bytes);
      last_report = Clock::now();
    }
  }
  ::close(from_dump[0]);
  ::close(to_restore[1]);
  const int dump_code = wait_for(dump);
  const int restore_code = wait_for(restore);
  ::signal(SIGPIPE, old_sigpipe);
  if (progress) progress(result.bytes);
  if (dump_code != 0) {
    throw Error("pg_dump of " + runtime::redact_password(source) + " failed (exit code " +
                             std::to_string(dump_code) + "):\n" + read_log(logs.path / "pg_dump.log"));
  }
  if (restore_code != 0) {
    throw Error("pg_restore into the throwaway database failed (exit code " +
                             std::to_string(restore_code) + "):\n" + read_log(logs.path / "pg_restore.log"));
  }
  result.elapsed_ms = ms_since(start);
  return result;
}

}  // namespace strata::promote
