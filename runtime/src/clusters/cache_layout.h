// Where a cached cluster's files live.
#pragma once

#include <filesystem>
#include <optional>

#include "postgres_server.h"
#include "processes/server_account.h"

namespace strata::runtime {

struct CacheLayout {
  // <cache root>/pg<major>, private to the invoking user. Holds the coordination files:
  std::filesystem::path state_dir;
  std::filesystem::path acquire_lock() const {
    return state_dir / "acquire.lock";
  }  // held while deciding/starting
  std::filesystem::path users_lock() const { return state_dir / "users.lock"; }  // shared by every holder
  std::filesystem::path last_used() const { return state_dir / "last-used"; }  // mtime = last acquire/release
  std::filesystem::path watchdog_pid() const { return state_dir / "watchdog.pid"; }

  // Owned by the server account: data/, the socket, server.log.
  std::filesystem::path server_dir;
  ServerLayout server;
};

// $STRATA_CACHE_DIR, else $XDG_CACHE_HOME/strata, else $HOME/.cache/strata (HOME from the
// password database when unset).
std::filesystem::path cache_root();

// Computes the layout and creates its directories. The server directory is
// <state_dir>/server, except in two cases where it is /tmp/strata-cache-<uid>-<hash of
// state_dir> instead:
//  - we are root: the server runs as `nobody`, which cannot get into root's home (and should
//    not: state_dir stays private). A cache in /tmp is lost on reboot, which only costs an
//    initdb.
//  - the socket path under state_dir would exceed the unix socket limit (107 bytes).
// A directory in /tmp with a predictable name could be planted by someone else, so an existing
// one is used only if it is a real directory (not a symlink), owned by the server account, and
// closed to group and others.
CacheLayout prepare_cache_layout(const std::filesystem::path& root, int major_version,
                                 const std::optional<ServerAccount>& account, int port);

}  // namespace strata::runtime
