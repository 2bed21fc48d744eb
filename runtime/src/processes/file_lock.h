// flock(2) locks on files, and the small file operations the cached cluster's protocol uses.
#pragma once

#include <filesystem>

namespace strata::runtime {

// Holds a flock on `file` (created if missing) until destroyed. The descriptor is
// close-on-exec, so servers and watchdogs we spawn while holding it do not keep it locked.
// Released by the kernel if we die.
class FileLock {
 public:
  enum class Mode { shared, exclusive };
  FileLock(const std::filesystem::path& file, Mode mode);  // blocks until granted
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

// Creates `file` if missing and sets its modification time to now.
void touch(const std::filesystem::path& file);

}  // namespace strata::runtime
