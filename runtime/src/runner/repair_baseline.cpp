// repair and record_baseline: deliberate changes to the history, never to the schema. Both
// take the session lock without waiting (a migration run in progress makes them refuse) and
// write in one transaction under the transaction lock.
#include <algorithm>
#include <map>

#include "advisory_lock.h"
#include "history_table.h"
#include "connect.h"
#include "plan.h"

namespace strata::runner {
namespace {

void write_in_transaction(PGconn* conn, const std::vector<std::string>& statements, const std::string& what) {
  std::string sql = "BEGIN;\nSET LOCAL synchronous_commit = on;\nSELECT pg_advisory_xact_lock(" +
                    std::to_string(history::Location{}.transaction_lock_key()) + ")";
  for (const auto& statement : statements) sql += ";\n" + statement;
  sql += ";\nCOMMIT";
  try {
    pg::exec(conn, sql, what);
  } catch (...) {
    pg::rollback_quietly(conn);
    throw;
  }
}

}  // namespace

std::vector<std::string> repair(const std::string& connection, const std::vector<migrations::Migration>& migrations,
                                bool forget_missing) {
  const std::string target = pg::describe_target(connection);
  auto conn = connect(connection, "strata repair");
  const history::Location location;  // repair and baseline work on the database's own history
  const auto before = history::read(conn.get(), location);
  if (!before.table_exists) return {};
  SessionLock lock(conn.get(), target, before.through_pooler);
  const auto snapshot = history::read(conn.get(), location);

  std::map<std::string, const migrations::Migration*> files;
  for (const auto& migration : migrations) files.emplace(migration.version, &migration);
  std::vector<std::string> statements, changes;
  for (const auto& entry : snapshot.entries) {
    const auto it = files.find(entry.version);
    if (it == files.end()) {
      if (!forget_missing) continue;
      statements.push_back(history::remove(location, entry.version));
      changes.push_back(entry.name + ": forgotten (its file is missing)");
      continue;
    }
    const std::string now = checksum(*it->second);
    if (now == entry.checksum) continue;
    statements.push_back(history::update_checksum(location, entry.version, now));
    std::string change = it->second->name() + ": checksum re-recorded (" + entry.checksum.substr(0, 12) + "… -> " +
                         now.substr(0, 12) + "…)";
    if (entry.statements_done) {
      change += "; the next run resumes after statement " + std::to_string(*entry.statements_done) + " of the edited file";
    }
    changes.push_back(std::move(change));
  }
  if (!statements.empty()) write_in_transaction(conn.get(), statements, "repairing strata.migrations failed");
  return changes;
}

std::vector<std::string> record_baseline(const std::string& connection,
                                         const std::vector<migrations::Migration>& migrations,
                                         const std::string& version, const std::string& strata_version) {
  if (std::none_of(migrations.begin(), migrations.end(), [&](const auto& m) { return m.version == version; })) {
    throw RunnerError("cannot baseline at " + version + ": no migration has that version");
  }
  const std::string target = pg::describe_target(connection);
  auto conn = connect(connection, "strata baseline");
  const history::Location location;
  SessionLock lock(conn.get(), target, history::read(conn.get(), location).through_pooler);
  const auto snapshot = history::read(conn.get(), location);
  if (!snapshot.entries.empty()) {
    throw RunnerError("cannot baseline " + target + ": its migration history already has " +
                      std::to_string(snapshot.entries.size()) + " row(s) (newest " + snapshot.entries.back().name +
                      "); a baseline is only for a database that strata has never migrated");
  }
  const std::string applied_by = history::default_applied_by(snapshot.current_user);
  std::vector<std::string> statements = history::create_statements(location);
  std::vector<std::string> lines;
  for (const auto& migration : migrations) {
    if (migration.version > version) break;
    statements.push_back(history::insert_baselined(location, 
        history::Row{migration.version, migration.name(), checksum(migration), applied_by, strata_version}));
    lines.push_back(migration.name() + ": recorded as applied (baseline)");
  }
  write_in_transaction(conn.get(), statements, "recording the baseline failed");
  return lines;
}

}  // namespace strata::runner
