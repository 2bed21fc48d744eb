#include "history_table.h"

#include <unistd.h>

#include "connect.h"

namespace strata::runner::history {

std::vector<std::string> create_statements() {
  return {
      "CREATE SCHEMA IF NOT EXISTS strata",
      "CREATE TABLE IF NOT EXISTS strata.migrations (\n"
      "  version text PRIMARY KEY,\n"
      "  name text NOT NULL,\n"
      "  checksum text NOT NULL,\n"
      "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
      "  applied_by text NOT NULL DEFAULT current_user,\n"
      "  execution_ms bigint NOT NULL DEFAULT 0,\n"
      "  strata_version text NOT NULL,\n"
      "  statements_done int,\n"
      "  baselined boolean NOT NULL DEFAULT false\n"
      ")",
      "COMMENT ON TABLE strata.migrations IS 'Migrations applied by strata (docs/runner.md); "
      "statements_done is set while a no-transaction migration is incomplete'",
  };
}

Snapshot read(PGconn* conn) {
  Snapshot snapshot;
  auto probe = pg::exec(conn,
                        "SELECT current_user, to_regclass('strata.migrations') IS NOT NULL, current_setting('search_path')",
                        "cannot read the migration history");
  snapshot.current_user = pg::value(probe.get(), 0, 0);
  snapshot.table_exists = pg::value(probe.get(), 0, 1) == "t";
  snapshot.search_path = pg::value(probe.get(), 0, 2);
  if (!snapshot.table_exists) return snapshot;
  auto rows = pg::exec(conn,
                       "SELECT version, name, checksum, "
                       "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), applied_by, "
                       "execution_ms, strata_version, statements_done, baselined "
                       "FROM strata.migrations ORDER BY version",
                       "cannot read the migration history (strata.migrations)");
  for (int row = 0; row < PQntuples(rows.get()); ++row) {
    HistoryEntry entry;
    entry.version = pg::value(rows.get(), row, 0);
    entry.name = pg::value(rows.get(), row, 1);
    entry.checksum = pg::value(rows.get(), row, 2);
    entry.applied_at = pg::value(rows.get(), row, 3);
    entry.applied_by = pg::value(rows.get(), row, 4);
    entry.execution_ms = std::stoll(pg::value(rows.get(), row, 5));
    entry.strata_version = pg::value(rows.get(), row, 6);
    if (!pg::is_null(rows.get(), row, 7)) entry.statements_done = std::stoi(pg::value(rows.get(), row, 7));
    entry.baselined = pg::value(rows.get(), row, 8) == "t";
    snapshot.entries.push_back(std::move(entry));
  }
  return snapshot;
}

namespace {

std::string where_version(const std::string& version) { return " WHERE version = " + pg::literal(version); }

// The migration's duration as the server saw it: its transaction started at now().
constexpr const char* kTransactionMs = "(extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint";

}  // namespace

std::string applied_check(const std::string& version) {
  return "SELECT EXISTS (SELECT FROM strata.migrations" + where_version(version) + ")";
}

std::string completed_check(const std::string& version) {
  return "SELECT EXISTS (SELECT FROM strata.migrations" + where_version(version) + " AND statements_done IS NULL)";
}

std::string insert_applied(const Row& row) {
  return "INSERT INTO strata.migrations (version, name, checksum, applied_by, execution_ms, strata_version) VALUES (" +
         pg::literal(row.version) + ", " + pg::literal(row.name) + ", " + pg::literal(row.checksum) + ", " +
         pg::literal(row.applied_by) + ", " + kTransactionMs + ", " + pg::literal(row.strata_version) + ")";
}

std::string insert_started(const Row& row) {
  return "INSERT INTO strata.migrations (version, name, checksum, applied_by, strata_version, statements_done) VALUES (" +
         pg::literal(row.version) + ", " + pg::literal(row.name) + ", " + pg::literal(row.checksum) + ", " +
         pg::literal(row.applied_by) + ", " + pg::literal(row.strata_version) + ", 0) ON CONFLICT (version) DO NOTHING";
}

std::string update_progress(const std::string& version, int statements_done) {
  return "UPDATE strata.migrations SET statements_done = " + std::to_string(statements_done) + where_version(version);
}

std::string update_completed(const std::string& version) {
  // applied_at was set when the migration started (its first attempt, for a resumed one).
  return "UPDATE strata.migrations SET statements_done = NULL, "
         "execution_ms = (extract(epoch FROM clock_timestamp() - applied_at) * 1000)::bigint" +
         where_version(version);
}

std::string insert_baselined(const Row& row) {
  return "INSERT INTO strata.migrations (version, name, checksum, applied_by, strata_version, baselined) VALUES (" +
         pg::literal(row.version) + ", " + pg::literal(row.name) + ", " + pg::literal(row.checksum) + ", " +
         pg::literal(row.applied_by) + ", " + pg::literal(row.strata_version) + ", true)";
}

std::string update_checksum(const std::string& version, const std::string& checksum) {
  return "UPDATE strata.migrations SET checksum = " + pg::literal(checksum) + where_version(version);
}

std::string remove(const std::string& version) { return "DELETE FROM strata.migrations" + where_version(version); }

std::string default_applied_by(const std::string& current_user) {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return current_user;
  return current_user + "@" + host;
}

}  // namespace strata::runner::history
