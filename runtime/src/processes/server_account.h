// Which account runs initdb and postgres: ourselves, or `nobody` when we are root (both
// programs refuse to run as root).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

namespace strata::runtime {

struct ServerAccount {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
};

// nullopt when we are not root (the server runs as us); else the `nobody` account.
std::optional<ServerAccount> server_account();

// Hands `path` (not recursively) to the account, so the server can create files in it.
void give_to(const std::filesystem::path& path, const ServerAccount& account);

// Whether the account can search (x permission) every directory from / down to `dir`, judged by
// the mode bits: the server running as `nobody` cannot get into /root or a 0700 $TMPDIR.
bool can_traverse(const ServerAccount& account, const std::filesystem::path& dir);

}  // namespace strata::runtime
