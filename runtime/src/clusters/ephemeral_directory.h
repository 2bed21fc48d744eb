// The private temporary directory of an ephemeral cluster: <temp root>/strata-XXXXXX holding
// owner.pid, data/, the server's socket and server.log.
#pragma once

#include <filesystem>
#include <optional>

#include "processes/server_account.h"

namespace strata::runtime {

// options.temp_root if given, else $TMPDIR, else /tmp: the first whose cluster directories can
// hold a socket path (107 bytes at most) and, when the server runs as `account`, that it can
// reach. Throws when an explicitly given root does not qualify.
std::filesystem::path choose_temp_root(const std::filesystem::path& explicit_root,
                                       const std::optional<ServerAccount>& account, int port);

// mkdtemp <root>/strata-XXXXXX, with owner.pid holding our pid.
std::filesystem::path create_ephemeral_directory(const std::filesystem::path& root);

// Removes <root>/strata-* directories of ours whose owner.pid names a process that no longer
// exists: left behind if the owner and its watchdog both died (a reboot, a kill of the
// process group). A server still running there (it should not be: the watchdog or the reboot
// stopped it) shuts itself down once it finds its lock file gone, within a minute. Best effort,
// never throws.
void sweep_stale_ephemeral_directories(const std::filesystem::path& root);

}  // namespace strata::runtime
