#include "private_directory.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include "processes/os_error.h"
#include "strata/error.h"

namespace strata::runtime {

namespace fs = std::filesystem;

void ensure_private_directory(const fs::path& dir, uid_t owner, gid_t group) {
  const fs::path staging = dir.string() + ".new-" + std::to_string(::getpid()) + "-" +
                           std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  if (::mkdir(staging.c_str(), 0700) != 0) {
    throw os_error("mkdir " + staging.string());
  }
  if (owner != ::geteuid() && ::chown(staging.c_str(), owner, group) != 0) {
    const int error = errno;
    ::rmdir(staging.c_str());
    throw os_error("chown " + staging.string(), error);
  }
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, dir.c_str(), RENAME_NOREPLACE) == 0) return;
  const int error = errno;
  ::rmdir(staging.c_str());
  if (error != EEXIST) throw os_error("rename " + staging.string(), error);
  struct stat info {};
  if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != owner ||
      (info.st_mode & 077) != 0) {
    throw Error("refusing to use " + dir.string() + ": not a directory private to uid " +
                             std::to_string(owner));
  }
}

}  // namespace strata::runtime
