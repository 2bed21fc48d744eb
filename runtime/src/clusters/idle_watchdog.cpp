#include "idle_watchdog.h"

#include <signal.h>

#include <fstream>
#include <thread>
#include <stdexcept>

#include "processes/child_process.h"
#include "processes/process_status.h"
#include "strata/error.h"

namespace strata::runtime {

namespace bp = boost::process;

namespace {

// $1 acquire lock, $2 users lock, $3 last-used, $4 data dir, $5 postmaster pid, $6 idle seconds,
// $7 psql (or empty), $8 its connection string. The loop runs in a background subshell; the
// launching shell records its pid ($9) and exits, so the loop is nobody's child but init's. A
// missing last-used file (the cache was deleted) counts as idle. stat -c, date +%s and touch are
// GNU coreutils (Linux).
constexpr const char* kScript = R"sh(
acquire=$1 users=$2 last=$3 data=$4 server=$5 idle=$6 psql=$7 conninfo=$8
(
  exec 8>>"$acquire" 9>>"$users"
  while [ -f "$data/postmaster.pid" ] && kill -0 "$server" 2>/dev/null; do
    sleep 1
    last_used=$(stat -c %Y "$last" 2>/dev/null) || last_used=0
    [ $(($(date +%s) - last_used)) -ge "$idle" ] || continue
    if [ -n "$psql" ]; then
      sessions=$("$psql" -XAtq -d "$conninfo" -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" 2>/dev/null) || sessions=0
      if [ "${sessions:-0}" -gt 0 ]; then touch "$last"; continue; fi
    fi
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
echo $! > "$9"
)sh";

bool watchdog_alive(const IdleWatch& watch) {
  std::ifstream file(watch.pid_file);
  long pid = 0;
  return file >> pid && process_alive(static_cast<pid_t>(pid));
}

}  // namespace

IdleWatch idle_watch(const CacheLayout& layout) {
  return {layout.acquire_lock(), layout.users_lock(), layout.last_used(), layout.watchdog_pid(),
          layout.server.data_dir, {}, {}};
}

void stop_idle_watchdog(const IdleWatch& watch) {
  std::ifstream file(watch.pid_file);
  long pid = 0;
  if (!(file >> pid) || !process_alive(static_cast<pid_t>(pid))) return;
  ::kill(static_cast<pid_t>(pid), SIGTERM);
  for (int i = 0; i < 200 && process_alive(static_cast<pid_t>(pid)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void ensure_idle_watchdog(const IdleWatch& watch, std::chrono::seconds idle_timeout) {
  if (watchdog_alive(watch)) return;
  const auto server_pid = read_postmaster_pid(watch.data_dir);
  if (!server_pid) throw Error("no postmaster.pid in " + watch.data_dir.string());
  ChildSetup setup;
  setup.new_session = true;       // neither a Ctrl-C nor the end of our session should stop it
  setup.cloexec_inherited = true;  // nor may it hold our pipes: a build tool waits for their EOF
  bp::child launcher("/bin/sh",
                     bp::args({"-c", kScript, "strata-idle-watchdog", watch.acquire_lock.string(),
                               watch.users_lock.string(), watch.last_used.string(), watch.data_dir.string(),
                               std::to_string(*server_pid), std::to_string(idle_timeout.count()),
                               watch.psql.string(), watch.sessions_conninfo, watch.pid_file.string()}),
                     server_environment(), bp::std_out > bp::null, bp::std_err > bp::null,
                     bp::std_in < bp::null, setup);
  launcher.wait();
  if (launcher.exit_code() != 0) throw Error("could not start the idle watchdog of the server in " + watch.data_dir.string());
}

}  // namespace strata::runtime
