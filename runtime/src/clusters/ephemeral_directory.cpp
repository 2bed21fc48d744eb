#include "ephemeral_directory.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "connection_parameters.h"
#include "processes/process_status.h"
#include "processes/os_error.h"
#include "strata/error.h"

namespace strata::runtime {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPrefix = "strata-";
constexpr const char* kTemplate = "strata-XXXXXX";
constexpr const char* kOwnerFile = "owner.pid";

// Empty when `root` can hold ephemeral cluster directories, else why not.
std::string unsuitability(const fs::path& root, const std::optional<ServerAccount>& account, int port) {
  std::error_code error;
  if (!fs::is_directory(root, error)) return "not a directory";
  if (!socket_path_fits(root / kTemplate, port)) return "too long for a unix socket path";
  if (account && !can_traverse(*account, root)) return "not accessible to the server user " + account->name;
  return "";
}

std::optional<pid_t> owner_of(const fs::path& dir) {
  const fs::path owner_file = dir / kOwnerFile;
  struct stat info {};
  // Only directories we created: owner.pid stays ours even when the directory was given away.
  if (::lstat(owner_file.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_uid != ::geteuid()) {
    return std::nullopt;
  }
  std::ifstream file(owner_file);
  long pid = 0;
  if (file >> pid && pid > 0) return static_cast<pid_t>(pid);
  return std::nullopt;
}

}  // namespace

fs::path choose_temp_root(const fs::path& explicit_root, const std::optional<ServerAccount>& account,
                          int port) {
  if (!explicit_root.empty()) {
    const std::string why_not = unsuitability(explicit_root, account, port);
    if (!why_not.empty()) throw Error("temp_root " + explicit_root.string() + ": " + why_not);
    return explicit_root;
  }
  const char* tmpdir = std::getenv("TMPDIR");
  if (tmpdir != nullptr && *tmpdir != '\0' && unsuitability(tmpdir, account, port).empty()) return tmpdir;
  return "/tmp";
}

fs::path create_ephemeral_directory(const fs::path& root) {
  std::string path = (root / kTemplate).string();
  if (::mkdtemp(path.data()) == nullptr) {
    throw os_error("mkdtemp " + path);
  }
  std::ofstream owner_file(fs::path(path) / kOwnerFile);
  if (!(owner_file << ::getpid() << "\n" << std::flush)) {
    std::error_code ignored;
    fs::remove_all(path, ignored);
    throw Error("cannot write " + path + "/" + kOwnerFile);
  }
  return path;
}

void sweep_stale_ephemeral_directories(const fs::path& root) {
  try {
    for (const auto& entry : fs::directory_iterator(root)) {
      if (entry.path().filename().string().rfind(kPrefix, 0) != 0) continue;
      const auto owner = owner_of(entry.path());
      std::error_code ignored;  // e.g. its watchdog removing it at the same time
      if (owner && !process_alive(*owner)) fs::remove_all(entry.path(), ignored);
    }
  } catch (const fs::filesystem_error&) {
    // An unreadable root: nothing we could sweep there anyway.
  }
}

}  // namespace strata::runtime
