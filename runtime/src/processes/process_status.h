// Watching and stopping processes by pid.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>

namespace strata::runtime {

// Whether the process exists and has not exited: a zombie (exited, not yet reaped by its
// parent, e.g. an orphan whose new parent never reaps) counts as gone.
bool process_alive(pid_t pid);

// Polls `done` every `interval` until it returns true (-> true) or `timeout` passes (-> false).
bool poll_until(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(5));

// For a child of ours, without blocking: true (and reaped) when it has exited.
bool child_has_exited(pid_t child);

// For a child of ours: waits (reaping it) up to `timeout`; true when it has exited.
bool wait_for_child_exit(pid_t child, std::chrono::milliseconds timeout);

// Stops a child of ours: `first_signal`, then SIGQUIT after `grace`, then SIGKILL; always
// reaps it. For a postmaster SIGINT is a fast shutdown and SIGQUIT an immediate one.
void stop_child(pid_t child, int first_signal, std::chrono::milliseconds grace);

// The postmaster pid from <data_dir>/postmaster.pid, if the file is there.
std::optional<pid_t> read_postmaster_pid(const std::filesystem::path& data_dir);

}  // namespace strata::runtime
