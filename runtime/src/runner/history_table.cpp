#include "history_table.h"

#include <unistd.h>

#include <cstdint>

#include "connect.h"

namespace strata::runner::history {

std::string Location::table() const {
  return tenant.empty() ? std::string(kHistorySchema) + ".migrations" : pg::identifier(tenant) + ".strata_migrations";
}

namespace {

long long tenant_key(long long key, const std::string& tenant) {
  if (tenant.empty()) return key;
  std::uint32_t hash = 2166136261u;  // FNV-1a: the same in every process
  for (const unsigned char c : tenant) hash = (hash ^ c) * 16777619u;
  const auto bits = static_cast<unsigned long long>(key) & ~(0xffffffffULL << 8);
  return static_cast<long long>(bits | (static_cast<unsigned long long>(hash) << 8));
}

}  // namespace

long long Location::session_lock_key() const { return tenant_key(kSessionLockKey, tenant); }
long long Location::transaction_lock_key() const { return tenant_key(kTransactionLockKey, tenant); }

std::vector<std::string> create_statements(const Location& location) {
  const auto table = location.table();
  return {
      "CREATE SCHEMA IF NOT EXISTS " + (location.tenant.empty() ? std::string(kHistorySchema) : pg::identifier(location.tenant)),
      "CREATE TABLE IF NOT EXISTS " + table + " (\n"
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
      "COMMENT ON TABLE " + table + " IS 'Migrations applied by strata (docs/runner.md); "
      "statements_done is set while a no-transaction migration is incomplete'",
  };
}

Snapshot read(PGconn* conn, const Location& location) {
  Snapshot snapshot;
  const auto table = location.table();
  auto probe = pg::exec(conn,
                        "SELECT current_user, to_regclass(" + pg::literal(table) +
                            ") IS NOT NULL, current_setting('search_path'), pg_backend_pid()",
                        "cannot read the migration history");
  snapshot.current_user = pg::value(probe.get(), 0, 0);
  snapshot.table_exists = pg::value(probe.get(), 0, 1) == "t";
  snapshot.search_path = pg::value(probe.get(), 0, 2);
  snapshot.through_pooler = pg::value(probe.get(), 0, 3) != std::to_string(PQbackendPID(conn));
  if (!snapshot.table_exists) return snapshot;
  auto rows = pg::exec(conn,
                       "SELECT version, name, checksum, "
                       "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), applied_by, "
                       "execution_ms, strata_version, statements_done, baselined "
                       "FROM " + table + " ORDER BY version",
                       "cannot read the migration history (" + table + ")");
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

std::string applied_check(const Location& location, const std::string& version) {
  return "SELECT EXISTS (SELECT FROM " + location.table() + where_version(version) + ")";
}

std::string completed_check(const Location& location, const std::string& version) {
  return "SELECT EXISTS (SELECT FROM " + location.table() + where_version(version) + " AND statements_done IS NULL)";
}

std::string insert_applied(const Location& location, const Row& row) {
  return "INSERT INTO " + location.table() + " (version, name, checksum, applied_by, execution_ms, strata_version) VALUES (" +
         pg::literal(row.version) + ", " + pg::literal(row.name) + ", " + pg::literal(row.checksum) + ", " +
         pg::literal(row.applied_by) + ", " + kTransactionMs + ", " + pg::literal(row.strata_version) + ")";
}

std::string insert_started(const Location& location, const Row& row) {
  return "INSERT INTO " + location.table() + " (version, name, checksum, applied_by, strata_version, statements_done) VALUES (" +
         pg::literal(row.version) + ", " + pg::literal(row.name) + ", " + pg::literal(row.checksum) + ", " +
         pg::literal(row.applied_by) + ", " + pg::literal(row.strata_version) + ", 0) ON CONFLICT (version) DO NOTHING";
}

std::string update_progress(const Location& location, const std::string& version, int statements_done) {
  return "UPDATE " + location.table() + " SET statements_done = " + std::to_string(statements_done) + where_version(version);
}

std::string update_completed(const Location& location, const std::string& version) {
  // applied_at was set when the migration started (its first attempt, for a resumed one).
  return "UPDATE " + location.table() + " SET statements_done = NULL, "
         "execution_ms = (extract(epoch FROM clock_timestamp() - applied_at) * 1000)::bigint" +
         where_version(version);
}

std::string insert_baselined(const Location& location, const Row& row) {
  return "INSERT INTO " + location.table() + " (version, name, checksum, applied_by, strata_version, baselined) VALUES (" +
         pg::literal(row.version) + ", " + pg::literal(row.name) + ", " + pg::literal(row.checksum) + ", " +
         pg::literal(row.applied_by) + ", " + pg::literal(row.strata_version) + ", true)";
}

std::string update_checksum(const Location& location, const std::string& version, const std::string& checksum) {
  return "UPDATE " + location.table() + " SET checksum = " + pg::literal(checksum) + where_version(version);
}

std::string remove(const Location& location, const std::string& version) { return "DELETE FROM " + location.table() + where_version(version); }

std::string default_applied_by(const std::string& current_user) {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return current_user;
  return current_user + "@" + host;
}

}  // namespace strata::runner::history
