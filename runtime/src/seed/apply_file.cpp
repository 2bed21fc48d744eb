#include "strata/seed.h"

#include "../runner/pg.h"

namespace strata::seed {

void apply_file(const std::string& connection, const sql::SourceFile& file) {
  const auto statements = sql::split_statements(file);
  for (const auto& statement : statements) {
    if (!statement.transaction_kind.empty()) {
      throw sql::SqlError(statement.location,
                          "a seed file runs in a transaction of its own: remove BEGIN/COMMIT/ROLLBACK from it", "",
                          statement.sql);
    }
  }
  const auto session = runner::pg::connect(connection, "strata seed");
  runner::pg::exec(session.get(), "BEGIN", "start the transaction of seed file " + file.path.filename().string());
  for (const auto& statement : statements) {
    const runner::pg::Result result(PQexec(session.get(), statement.sql.c_str()));
    if (!runner::pg::succeeded(result.get())) {
      auto error = sql::error_from_result(file, statement, result.get());
      runner::pg::rollback_quietly(session.get());
      throw error;
    }
  }
  runner::pg::exec(session.get(), "COMMIT", "commit seed file " + file.path.filename().string());
}

}  // namespace strata::seed
