// What `strata rehearse` is made of: copying a database into a throwaway one (pg_dump | pg_restore,
// or pg_restore of a dump file), and watching the locks a migration takes (pg_locks).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace strata::cli::rehearse {

struct CopyResult {
  long long bytes = 0;  // bytes of the custom-format dump that went through
  double elapsed_ms = 0;
};

// Copies `source` (a postgresql:// URL or keyword/value string, or a pg_dump -Fc file: a path or
// file:// URL) into the existing database `destination` (keyword/value string, no password) with
// pg_dump -Fc | pg_restore --no-owner --no-privileges. The source's password goes to pg_dump in
// PGPASSWORD, never on its command line. `progress(bytes)` is called every ~250 ms while bytes flow.
// Throws std::runtime_error with the tools' output (redacted) when either fails.
CopyResult copy_database(const std::string& source, const std::string& destination,
                         const std::function<void(long long)>& progress);

bool is_dump_file(const std::string& source);

// A lock seen held by another session of a database.
struct LockSeen {
  std::string relation;  // "public.orders"
  char relkind = '?';    // pg_class.relkind ('r' table, 'i' index, ...)
  std::set<std::string> modes;  // "AccessExclusiveLock", ...
};

// Watches, from a session of its own on `connection`'s database, the relation locks every other
// session of that database holds, every `interval`. When strata.migrations exists it also holds
// a SHARE lock on it from start() until the runner's history insert waits on it, so that the
// locks of a migration transaction are seen however fast it runs (then it lets the runner go).
class LockSampler {
 public:
  explicit LockSampler(std::string connection, int interval_ms = 20);
  ~LockSampler();
  void start();
  // Stops sampling; returns the relations seen (outside pg_catalog, information_schema, pg_toast
  // and strata), names resolved after the fact for relations the migration created.
  std::vector<LockSeen> stop();

 private:
  void run();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata::cli::rehearse
