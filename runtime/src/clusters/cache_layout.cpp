#include "cache_layout.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "connection_parameters.h"
#include "processes/private_directory.h"
#include "strata/stable_hash.h"
#include "strata/error.h"
#include "processes/environment_variable.h"

namespace strata::runtime {

namespace fs = std::filesystem;

namespace {

fs::path home_directory() {
  if (const std::string home = environment_variable("HOME"); !home.empty()) return home;
  const passwd* entry = ::getpwuid(::geteuid());
  if (entry == nullptr) throw Error("cannot tell the home directory: set STRATA_CACHE_DIR");
  return entry->pw_dir;
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
