#include "strata/replay.h"

#include "strata/introspect.h"
#include "strata/migration_integrity.h"

namespace strata::replay {

runner::RunOptions throwaway_options() {
  runner::RunOptions options;
  options.timeouts.statement_timeout = std::chrono::milliseconds(0);  // a long backfill is the migration's business
  options.check_row_counts = false;                                    // nothing to lose on a throwaway database
  options.create_missing_roles = true;
  options.strata_version = "replay";
  return options;
}

void apply(const std::string& connection, const std::vector<migrations::Migration>& migrations) {
  if (migrations.empty()) return;
  runner::migrate(connection, migrations, throwaway_options());
}

model::Catalog catalog(const runtime::Cluster& cluster, const std::vector<migrations::Migration>& migrations) {
  const runtime::ScratchDatabase database(cluster, "strata_replay");
  replay::apply(database.connection_string(), migrations);
  return introspect::introspect(database.connection_string()).catalog;
}

std::vector<migrations::Migration> read_verified(const std::filesystem::path& directory) {
  auto migrations = migrations::read_directory(directory);
  if (const auto problems = migrations::verify_integrity(directory, migrations); !problems.empty()) {
    throw Error((directory / migrations::kIntegrityFileName).string() + " does not match the migrations directory",
                ErrorInfo{.details = problems, .hint = "run `strata hash` after a deliberate edit"});
  }
  return migrations;
}

}  // namespace strata::replay
