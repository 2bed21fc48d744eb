#include "cache_layout.h"

#include <pwd.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "connection_parameters.h"

namespace strata::runtime {

namespace fs = std::filesystem;

namespace {

std::string environment_variable(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

fs::path home_directory() {
  if (const std::string home = environment_variable("HOME"); !home.empty()) return home;
  const passwd* entry = ::getpwuid(::geteuid());
  if (entry == nullptr) throw std::runtime_error("cannot tell the home directory: set STRATA_CACHE_DIR");
  return entry->pw_dir;
}

// FNV-1a: stable across builds and platforms, unlike std::hash.
std::string stable_hash(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  static const char* hex = "0123456789abcdef";
  std::string digits;
  for (int shift = 60; shift >= 0; shift -= 4) digits += hex[(hash >> shift) & 15];
  return digits;
}

// Creates `dir` (mode 0700, owned by `owner`) or checks that the existing one is such.
// The directory is made and handed over under a private name, then renamed into place without
// replacing anything: a concurrent acquire never sees it half set up (still owned by root).
void ensure_private_directory(const fs::path& dir, uid_t owner, gid_t group) {
  const fs::path staging = dir.string() + ".new-" + std::to_string(::getpid()) + "-" +
                           std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  if (::mkdir(staging.c_str(), 0700) != 0) {
    throw std::system_error(errno, std::system_category(), "mkdir " + staging.string());
  }
  if (owner != ::geteuid() && ::chown(staging.c_str(), owner, group) != 0) {
    const int error = errno;
    ::rmdir(staging.c_str());
    throw std::system_error(error, std::system_category(), "chown " + staging.string());
  }
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, dir.c_str(), RENAME_NOREPLACE) == 0) return;
  const int error = errno;
  ::rmdir(staging.c_str());
  if (error != EEXIST) throw std::system_error(error, std::system_category(), "rename " + staging.string());
  struct stat info {};
  if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != owner ||
      (info.st_mode & 077) != 0) {
    throw std::runtime_error("refusing to use " + dir.string() + ": not a directory private to uid " +
                             std::to_string(owner));
  }
}

}  // namespace

fs::path cache_root() {
  if (const std::string dir = environment_variable("STRATA_CACHE_DIR"); !dir.empty())
    return fs::absolute(dir);
  if (const std::string xdg = environment_variable("XDG_CACHE_HOME"); !xdg.empty())
    return fs::absolute(fs::path(xdg) / "strata");
  return home_directory() / ".cache" / "strata";
}

CacheLayout prepare_cache_layout(const fs::path& root, int major_version,
                                 const std::optional<ServerAccount>& account, int port) {
  CacheLayout layout;
  layout.state_dir = root / ("pg" + std::to_string(major_version));
  fs::create_directories(root);
  ensure_private_directory(layout.state_dir, ::geteuid(), ::getegid());

  const fs::path inside = layout.state_dir / "server";
  if (!account && socket_path_fits(inside, port)) {
    layout.server_dir = inside;
  } else {
    layout.server_dir =
        "/tmp/strata-cache-" + std::to_string(::geteuid()) + "-" + stable_hash(layout.state_dir.string());
  }
  ensure_private_directory(layout.server_dir, account ? account->uid : ::geteuid(),
                           account ? account->gid : ::getegid());
  layout.server = {layout.server_dir / "data", layout.server_dir, layout.server_dir / "server.log", port};
  return layout;
}

}  // namespace strata::runtime
