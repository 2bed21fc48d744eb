// Is the database as new as the schema a program was built with? The accessors `strata codegen`
// generates are compiled against the schema the migrations build; running them against a
// database that lacks one of those migrations fails in confusing ways (a missing column, a wrong
// type). require_current() turns that into one clear error at start-up, naming what to run.
//
// It reads the migration runner's history table (strata.migrations: version text, ...,
// statements_done int, NULL once a migration completed; docs/runner.md) directly.
#pragma once

#include <string>
#include <vector>

#include "strata/error.h"

namespace pqxx {
class connection_base;
}

namespace strata::schema_version {

// A migration a program was built with.
struct BuiltMigration {
  std::string version;  // 14 digits
  std::string name;     // <version>_<slug>
};

// The database lacks migrations the program was built with.
// details(): the missing migrations' names (<version>_<slug>), in version order.
class SchemaBehindError : public Error {
 public:
  using Error::Error;
};

// The names of the migrations in `built_with` that the database's history lacks or records as
// incomplete (a no-transaction migration that stopped part-way), in version order. Every one of
// them when the history table does not exist. Runs one query outside any transaction (the
// connection must not have one open).
std::vector<std::string> missing_migrations(pqxx::connection_base& connection,
                                            const std::vector<BuiltMigration>& built_with);

// Throws SchemaBehindError when missing_migrations() is not empty; the message names the missing
// migrations and says to run `strata migrate` (or strata::runner::migrate with the embedded
// migrations). Migrations in the database that the program does not know (a newer deployment)
// are fine: migrations add, so older code keeps working.
void require_current(pqxx::connection_base& connection, const std::vector<BuiltMigration>& built_with);
// The same on a new connection to `connection_string` (a URL or key=value string; printed
// without its password in errors).
void require_current(const std::string& connection_string, const std::vector<BuiltMigration>& built_with);

}  // namespace strata::schema_version
