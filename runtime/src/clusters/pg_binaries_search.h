// PgBinaries::find() with its inputs made explicit, so tests can search an environment other
// than the process's own.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "strata/cluster.h"

namespace strata::runtime {

struct PgBinariesSearch {
  std::optional<std::string> strata_pg_bindir;                   // $STRATA_PG_BINDIR
  std::string path;                                              // $PATH (also where pg_config is looked for)
  std::filesystem::path versioned_root = "/usr/lib/postgresql";  // holds <major>/bin (Debian, Ubuntu)

  static PgBinariesSearch from_environment();
};

// The first qualifying directory in the documented order; throws std::runtime_error listing
// every place looked at (and why each was rejected) when none qualifies.
PgBinaries find_pg_binaries(const PgBinariesSearch& search);

// The major version from `postgres --version` output ("postgres (PostgreSQL) 15.4 ..." -> 15).
int parse_major_version(const std::string& version_output);

// Found once per process (a search runs pg_config and postgres --version) for cluster starts.
const PgBinaries& process_pg_binaries();

}  // namespace strata::runtime
