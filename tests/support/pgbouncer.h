// A real PgBouncer (Debian's pgbouncer) in front of a test server, started as a local process the
// way the runtime starts PostgreSQL: for the tests of what works through a pooler.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace strata::testing {

class PgBouncer {
 public:
  enum class PoolMode { session, transaction };

  // Starts pgbouncer on a free loopback port in front of the server `server_connection_string`
  // reaches (its host, port and user; every database name is passed through, logging in as that
  // user). As root it runs as `nobody`, as PostgreSQL does. Returns nullptr and sets
  // `skip_reason` when no pgbouncer is installed; throws when one is but does not start.
  static std::unique_ptr<PgBouncer> start(const std::string& server_connection_string, PoolMode mode,
                                          std::string& skip_reason);
  ~PgBouncer();  // stops it (SIGTERM: at once, waiting until it is gone) and removes its directory
  PgBouncer(const PgBouncer&) = delete;
  PgBouncer& operator=(const PgBouncer&) = delete;

  // postgresql://<user>@127.0.0.1:<port>/<dbname>
  std::string url(const std::string& dbname) const;
  int port() const { return port_; }

 private:
  PgBouncer() = default;
  std::filesystem::path directory_;
  std::string user_;
  int port_ = 0;
  long pid_ = 0;
};

}  // namespace strata::testing
