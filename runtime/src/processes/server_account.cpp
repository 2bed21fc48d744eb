#include "server_account.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>
#include <system_error>
#include "processes/os_error.h"
#include "strata/error.h"

namespace strata::runtime {

namespace {
constexpr const char* kUnprivilegedUser = "nobody";
}

std::optional<ServerAccount> server_account() {
  if (::geteuid() != 0) return std::nullopt;
  const passwd* entry = ::getpwnam(kUnprivilegedUser);
  if (entry == nullptr) {
    throw Error(std::string("running as root, and there is no user '") + kUnprivilegedUser +
                             "' to run the PostgreSQL server as (initdb and postgres refuse root)");
  }
  return ServerAccount{entry->pw_name, entry->pw_uid, entry->pw_gid};
}

void give_to(const std::filesystem::path& path, const ServerAccount& account) {
  if (::chown(path.c_str(), account.uid, account.gid) != 0) {
    throw os_error("chown " + path.string() + " to " + account.name);
  }
}

bool can_traverse(const ServerAccount& account, const std::filesystem::path& dir) {
  std::filesystem::path current;
  for (const auto& part : std::filesystem::absolute(dir)) {
    current /= part;
    struct stat info {};
    if (::stat(current.c_str(), &info) != 0) return false;
    const bool searchable = info.st_uid == account.uid   ? (info.st_mode & S_IXUSR) != 0
                            : info.st_gid == account.gid ? (info.st_mode & S_IXGRP) != 0
                                                         : (info.st_mode & S_IXOTH) != 0;
    if (!searchable) return false;
  }
  return true;
}

}  // namespace strata::runtime
