#include "row_counts.h"

#include <map>
#include <optional>
#include <set>

#include "connect.h"

namespace strata::runner {
namespace rows {
namespace {

std::string change(const std::string& name, long long before, std::optional<long long> after) {
  return name + ": " + std::to_string(before) + (after ? " -> " + std::to_string(*after) + " rows" : " rows -> table gone");
}

}  // namespace

std::vector<Table> count(PGconn* conn, const Timeouts& timeouts) {
  // One round trip: query_to_xml runs each table's count(*) inside the one query. Ordinary
  // tables that are not partitions and partitioned roots (a root's count covers its partitions);
  // other sessions' temporary tables cannot be read. A table another session holds an ACCESS
  // EXCLUSIVE lock on right now is not counted (it would block the run for a table the
  // migrations may never touch); the lock timeout is the backstop for a lock taken just after.
  const std::string sql =
      "BEGIN READ ONLY;\n"
      "SET LOCAL lock_timeout = '" + std::to_string(timeouts.lock_timeout.count()) + "ms';\n"
      "SET LOCAL statement_timeout = '" + std::to_string(timeouts.statement_timeout.count()) + "ms';\n"
      "SELECT c.oid, format('%I.%I', n.nspname, c.relname), "
      "CASE WHEN c.oid IN (SELECT l.relation FROM pg_locks l WHERE l.locktype = 'relation' AND l.granted "
      "AND l.mode = 'AccessExclusiveLock' AND l.pid <> pg_backend_pid() "
      "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())) THEN NULL "
      "ELSE (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), "
      "false, true, '')))[1]::text::bigint END "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence <> 't' "
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'strata') AND n.nspname NOT LIKE 'pg\\_toast%' "
      "ORDER BY 2;\n"
      "COMMIT";
  if (!PQsendQuery(conn, sql.c_str())) {
    throw RunnerError("cannot count rows for the vanished-rows check: " + pg::describe_error(conn, nullptr));
  }
  pg::Result counts, failure;
  while (PGresult* next = PQgetResult(conn)) {
    pg::Result result(next);
    if (PQresultStatus(next) == PGRES_TUPLES_OK) counts = std::move(result);
    else if (!pg::succeeded(next) && !failure) failure = std::move(result);
  }
  if (failure || !counts) {
    const std::string error = pg::describe_error(conn, failure.get());
    pg::rollback_quietly(conn);
    throw RunnerError("cannot count rows for the vanished-rows check (turn it off with check_row_counts = false): " + error);
  }
  std::vector<Table> tables;
  for (int row = 0; row < PQntuples(counts.get()); ++row) {
    Table table{pg::value(counts.get(), row, 0), pg::value(counts.get(), row, 1), std::nullopt};
    if (!pg::is_null(counts.get(), row, 2)) table.rows = std::stoll(pg::value(counts.get(), row, 2));
    tables.push_back(std::move(table));
  }
  return tables;
}

RowCounts by_name(const std::vector<Table>& tables) {
  RowCounts counts;
  for (const auto& table : tables) {
    if (table.rows) counts[table.name] = *table.rows;
  }
  return counts;
}

std::vector<std::string> vanished(const std::vector<Table>& before, const std::vector<Table>& after) {
  std::map<std::string, const Table*> after_by_oid;
  for (const auto& table : after) after_by_oid[table.oid] = &table;
  const RowCounts after_by_name = by_name(after);
  std::vector<std::string> lost;
  std::set<std::string> uncounted_after;
  for (const auto& table : after) {
    if (!table.rows) uncounted_after.insert(table.name);
  }
  for (const auto& table : before) {
    if (!table.rows) continue;  // not counted before: nothing to compare with
    const long long rows = *table.rows;
    if (rows == 0) continue;  // an empty table has no rows to lose, whether dropped, emptied or not
    if (const auto it = after_by_oid.find(table.oid); it != after_by_oid.end()) {
      const Table& now = *it->second;
      const std::string name = now.name == table.name ? table.name : table.name + " (now " + now.name + ")";
      if (now.rows && *now.rows < rows) lost.push_back(change(name, rows, *now.rows));
    } else if (const auto same_name = after_by_name.find(table.name); same_name != after_by_name.end()) {
      if (same_name->second < rows) lost.push_back(change(table.name, rows, same_name->second));  // dropped and recreated
    } else if (!uncounted_after.count(table.name)) {
      lost.push_back(change(table.name, rows, std::nullopt));
    }
  }
  return lost;
}

}  // namespace rows

RowCounts count_rows(const std::string& connection) {
  auto conn = connect(connection);
  return rows::by_name(rows::count(conn.get(), Timeouts{}));
}

std::vector<std::string> vanished_rows(const RowCounts& before, const RowCounts& after) {
  std::vector<std::string> lost;
  for (const auto& [name, rows] : before) {
    if (rows == 0) continue;  // nothing to lose
    const auto it = after.find(name);
    if (it == after.end()) lost.push_back(rows::change(name, rows, std::nullopt));
    else if (it->second < rows) lost.push_back(rows::change(name, rows, it->second));
  }
  return lost;
}

}  // namespace strata::runner
