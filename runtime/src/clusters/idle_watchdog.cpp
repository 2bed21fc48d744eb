#include "idle_watchdog.h"

#include <fstream>
#include <stdexcept>

#include "processes/child_process.h"
#include "processes/process_status.h"
#include "strata/error.h"

namespace strata::runtime {

namespace bp = boost::process;

namespace {

// $1 state dir, $2 data dir, $3 postmaster pid, $4 idle seconds. The loop runs in a background
// subshell; the launching shell records its pid and exits, so the loop is nobody's child but
// init's. A missing last-used file (the cache was deleted) counts as idle. stat -c and date +%s
// are GNU coreutils (Linux).
constexpr const char* kScript = R"sh(
state=$1 data=$2 server=$3 idle=$4
(
  exec 8>>"$state/acquire.lock" 9>>"$state/users.lock"
  while [ -f "$data/postmaster.pid" ] && kill -0 "$server" 2>/dev/null; do
    sleep 1
    last_used=$(stat -c %Y "$state/last-used" 2>/dev/null) || last_used=0
    [ $(($(date +%s) - last_used)) -ge "$idle" ] || continue
    if flock -n 8; then
      if flock -n 9; then
        kill -INT "$server" 2>/dev/null
        tries=0
        while [ -f "$data/postmaster.pid" ] && [ "$tries" -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
        [ -f "$data/postmaster.pid" ] && kill -QUIT "$server" 2>/dev/null
        exit 0
      fi
      flock -u 8
    fi
  done
) </dev/null >/dev/null 2>&1 &
echo $! > "$state/watchdog.pid"
)sh";

bool watchdog_alive(const CacheLayout& layout) {
  std::ifstream file(layout.watchdog_pid());
  long pid = 0;
  return file >> pid && process_alive(static_cast<pid_t>(pid));
}

}  // namespace

void ensure_idle_watchdog(const CacheLayout& layout, std::chrono::seconds idle_timeout) {
  if (watchdog_alive(layout)) return;
  const auto server_pid = read_postmaster_pid(layout.server.data_dir);
  if (!server_pid) throw Error("no postmaster.pid in " + layout.server.data_dir.string());
  ChildSetup setup;
  setup.new_session = true;  // neither a Ctrl-C nor the end of our session should stop it
  bp::child launcher("/bin/sh",
                     bp::args({"-c", kScript, "strata-idle-watchdog", layout.state_dir.string(),
                               layout.server.data_dir.string(), std::to_string(*server_pid),
                               std::to_string(idle_timeout.count())}),
                     server_environment(), bp::std_out > bp::null, bp::std_err > bp::null,
                     bp::std_in < bp::null, setup);
  launcher.wait();
  if (launcher.exit_code() != 0)
    throw Error("could not start the cached cluster's idle watchdog");
}

}  // namespace strata::runtime
