// Child processes for the test_database suite: the driver and the strata command line, with
// environment changes, stdout read line by line, killed or waited for.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace strata::testdb::test {

class Child {
 public:
  // `environment`: variables to set (a value) or remove (nullopt) for the child.
  Child(const std::vector<std::string>& args,
        const std::map<std::string, std::optional<std::string>>& environment = {}) {
    std::vector<std::string> variables;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string variable = *entry;
      if (!environment.contains(variable.substr(0, variable.find('=')))) variables.push_back(variable);
    }
    for (const auto& [name, value] : environment) {
      if (value) variables.push_back(name + "=" + *value);
    }
    std::vector<char*> argv, envp;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    for (const auto& variable : variables) envp.push_back(const_cast<char*>(variable.c_str()));
    envp.push_back(nullptr);

    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    const int error = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (error != 0) {
      ::close(fds[0]);
      throw std::runtime_error("cannot run " + args[0]);
    }
    out_ = ::fdopen(fds[0], "r");
  }
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait();
    }
    if (out_ != nullptr) std::fclose(out_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }

  // The next line of stdout (without the newline); nullopt at end of output.
  std::optional<std::string> line() {
    char buffer[4096];
    if (std::fgets(buffer, sizeof buffer, out_) == nullptr) return std::nullopt;
    std::string text = buffer;
    if (!text.empty() && text.back() == '\n') text.pop_back();
    output_ += text + "\n";
    return text;
  }
  // Reads until a line starting with `prefix`; returns the rest of it.
  std::optional<std::string> value(const std::string& prefix) {
    while (auto text = line()) {
      if (*text == prefix) return std::string();
      if (text->rfind(prefix + " ", 0) == 0) return text->substr(prefix.size() + 1);
    }
    return std::nullopt;
  }
  // Reads everything, waits; the exit code (128 + signal when killed).
  int finish() {
    while (line()) {
    }
    return wait();
  }
  int wait() {
    if (pid_ <= 0) return exit_code_;
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }
  void kill(int signal = SIGKILL) {
    if (pid_ > 0) ::kill(pid_, signal);
  }
  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  std::string output_;
  int exit_code_ = -1;
};

}  // namespace strata::testdb::test
