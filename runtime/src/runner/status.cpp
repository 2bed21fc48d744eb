// status, read_history, checksum: reading only, no lock, nothing created.
#include <algorithm>
#include <map>

#include "history_table.h"
#include "connect.h"
#include "plan.h"

namespace strata::runner {

std::string checksum(const migrations::Migration& migration) { return migrations::sha256_hex(migration.up.sql); }

std::string to_string(State state) {
  switch (state) {
    case State::Applied: return "applied";
    case State::Pending: return "pending";
    case State::Edited: return "edited";
    case State::Missing: return "missing";
    case State::Partial: return "partial";
  }
  return "unknown";
}

bool StatusReport::current() const {
  return integrity_problems.empty() &&
         std::all_of(migrations.begin(), migrations.end(), [](const auto& m) { return m.state == State::Applied; });
}

std::vector<const MigrationStatus*> StatusReport::pending() const {
  std::vector<const MigrationStatus*> result;
  for (const auto& migration : migrations) {
    if (migration.state == State::Pending) result.push_back(&migration);
  }
  return result;
}

std::vector<HistoryEntry> read_history(const std::string& connection, const std::string& schema) {
  auto conn = connect(connection, "strata status");
  return history::read(conn.get(), history::Location{schema}).entries;
}

StatusReport status(const std::string& connection, const std::vector<migrations::Migration>& migrations,
                    const std::vector<std::string>& integrity_problems, const std::string& schema) {
  auto conn = connect(connection, "strata status");
  const auto snapshot = history::read(conn.get(), history::Location{schema});
  StatusReport report;
  report.integrity_problems = integrity_problems;
  report.history_table_exists = snapshot.table_exists;

  std::string newest_applied;
  for (const auto& entry : snapshot.entries) newest_applied = std::max(newest_applied, entry.version);
  const auto applied = plan::by_version(snapshot.entries);
  std::map<std::string, MigrationStatus> merged;
  for (const auto& migration : migrations) {
    MigrationStatus status;
    status.version = migration.version;
    status.name = migration.name();
    if (const auto found = applied.find(migration.version); found != applied.end()) {
      const HistoryEntry* entry = found->second;
      status.history = *entry;
      status.state = entry->statements_done        ? State::Partial
                     : entry->checksum != checksum(migration) ? State::Edited
                                                              : State::Applied;
    } else {
      status.state = State::Pending;
      status.out_of_order = migration.version < newest_applied;
    }
    // "3 of 5 statements" for a partial migration. Only then: counting needs PostgreSQL's parser,
    // which would make status slow for thousands of files. A file it cannot split counts 0.
    if (status.state == State::Partial) {
      try {
        status.statements = static_cast<int>(sql::split_statements({migration.up.path, migration.up.sql}).size());
      } catch (const sql::SqlError&) {
        status.statements = 0;
      }
    }
    merged.emplace(migration.version, std::move(status));
  }
  for (const auto& entry : snapshot.entries) {
    if (merged.count(entry.version)) continue;
    MigrationStatus status;
    status.version = entry.version;
    // "<version>_<slug>" like a file's name, whatever form the history row took.
    status.name = entry.name.empty() ? entry.version
                  : entry.name.rfind(entry.version, 0) == 0 ? entry.name
                                                             : entry.version + "_" + entry.name;
    status.state = State::Missing;
    status.history = entry;
    merged.emplace(entry.version, std::move(status));
  }
  for (auto& [version, status] : merged) report.migrations.push_back(std::move(status));
  return report;
}

}  // namespace strata::runner
