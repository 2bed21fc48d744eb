// Connection strings for our clusters that the caller's environment cannot redirect or alter.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace strata::runtime {

struct ServerAddress {
  std::filesystem::path socket_dir;
  int port = 5432;
  std::string user;
};

using ConnectionParameters = std::vector<std::pair<std::string, std::string>>;

// Every libpq keyword that has an environment variable, set explicitly: ours where we care
// (host, port, user, dbname, sslmode=disable, ...) and libpq's compiled-in default (or empty)
// for the rest, so no PGHOST, PGREQUIREPEER, PGSSLMINPROTOCOLVERSION... of the caller applies.
// `service` is the exception: it cannot be overridden, see scrub_libpq_environment().
ConnectionParameters connection_parameters(const ServerAddress& server, const std::string& dbname);
std::string keyword_value_string(const ConnectionParameters& parameters);
std::string postgresql_url(const ConnectionParameters& parameters);

// Removes PGSERVICE, PGTZ and PGDATESTYLE from this process's environment; cluster start and
// acquire call it, before any connection to the cluster. libpq reads
// them at every connect and no connection keyword beats them: PGSERVICE names a service file
// entry (an unknown name fails the connection, service='' too), PGTZ and PGDATESTYLE are sent as
// startup parameters, which the server applies after `options`. Removing them process-wide is
// the only way to keep a caller's time zone or date style out of our sessions (they would change
// how timestamps and defaults are printed). The cost, documented for the CLI: connections this
// process makes elsewhere stop seeing these three variables, so a target database given via
// PGSERVICE must be given as a connection string instead.
void scrub_libpq_environment();

// Unix socket paths are limited to 107 bytes (sockaddr_un.sun_path).
bool socket_path_fits(const std::filesystem::path& socket_dir, int port);

}  // namespace strata::runtime
