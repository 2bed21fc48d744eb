#include "strata/pg.h"
#include "strata/seed.h"

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
  const pg::Session session(connection, "strata seed");
  session.exec("BEGIN", "start the transaction of seed file " + file.path.filename().string());
  for (const auto& statement : statements) {
    const pg::Result result = session.send(statement.sql);
    if (!pg::succeeded(result.get())) {
      auto error = sql::error_from_result(file, statement, result.get());
      session.rollback_quietly();
      throw error;
    }
  }
  session.exec("COMMIT", "commit seed file " + file.path.filename().string());
}

}  // namespace strata::seed
