#include "file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <system_error>
#include "processes/os_error.h"

namespace strata::runtime {

namespace {

int open_for_writing(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw os_error("open " + file.string());
  return fd;
}

}  // namespace

FileLock::FileLock(const std::filesystem::path& file, Mode mode) : fd_(open_for_writing(file)) {
  const int operation = mode == Mode::shared ? LOCK_SH : LOCK_EX;
  int result = 0;
  while ((result = ::flock(fd_, operation)) != 0 && errno == EINTR) {
  }
  if (result != 0) {
    const int error = errno;
    ::close(fd_);
    throw os_error("flock " + file.string(), error);
  }
}

FileLock::~FileLock() { ::close(fd_); }

void touch(const std::filesystem::path& file) {
  const int fd = open_for_writing(file);
  const int result = ::futimens(fd, nullptr);
  const int error = errno;
  ::close(fd);
  if (result != 0) throw os_error("touch " + file.string(), error);
}

}  // namespace strata::runtime
