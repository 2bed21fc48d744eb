// Exact row counts before and after a run, to catch a migration that loses data without
// saying so (`-- strata:destructive`).
#pragma once

#include <libpq-fe.h>

#include <optional>
#include <string>
#include <vector>

#include "strata/runner.h"

namespace strata::runner::rows {

struct Table {
  std::string oid;  // follows a table through ALTER TABLE ... RENAME / SET SCHEMA
  std::string name;  // quoted qualified name
  std::optional<long long> rows;  // none: not counted (another session held an ACCESS EXCLUSIVE lock)
};

// Exact counts, one round trip, within the lock and statement timeouts.
std::vector<Table> count(PGconn* conn, const Timeouts& timeouts);
RowCounts by_name(const std::vector<Table>& tables);

// vanished_rows, but a table renamed by the run is compared with itself under its new name
// instead of being reported as gone.
std::vector<std::string> vanished(const std::vector<Table>& before, const std::vector<Table>& after);

}  // namespace strata::runner::rows
