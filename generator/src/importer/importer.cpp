#include "strata/importer.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "common.h"
#include "strata/migration_integrity.h"
#include "strata/migrations.h"
#include "strata/pg.h"

namespace strata::importer {

namespace fs = std::filesystem;
using namespace detail;

namespace {

const std::vector<std::pair<Tool, std::string>>& names() {
  static const std::vector<std::pair<Tool, std::string>> all = {
      {Tool::flyway, "flyway"},   {Tool::liquibase, "liquibase"}, {Tool::golang_migrate, "golang-migrate"},
      {Tool::goose, "goose"},     {Tool::dbmate, "dbmate"},       {Tool::sqitch, "sqitch"},
      {Tool::diesel, "diesel"},   {Tool::sqlx, "sqlx"},           {Tool::node_pg_migrate, "node-pg-migrate"},
      {Tool::prisma, "prisma"},   {Tool::drizzle, "drizzle"}};
  return all;
}

std::string padded(const std::string& digits) { return std::string(14 - digits.size(), '0') + digits; }

// A tool's number as a strata version: zero-padded to 14 digits (0007 is 7), or nullopt when it is
// no number or longer than 14 digits.
std::optional<std::string> version_of(const std::string& number) {
  if (number.empty() || !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const auto digits = number.substr(std::min(number.find_first_not_of('0'), number.size() - 1));
  if (digits.size() > 14) return std::nullopt;
  return padded(digits);
}

// The tool's numbers when each is a number of at most 14 digits, rising in the tool's order;
// otherwise 1, 2, 3... (zero-padded) in that order.
void assign_versions(std::vector<Imported>& migrations) {
  std::vector<std::string> numbered;
  for (const auto& migration : migrations) {
    const auto version = version_of(migration.number);
    if (!version || (!numbered.empty() && *version <= numbered.back())) break;
    numbered.push_back(*version);
  }
  const bool keep_numbers = numbered.size() == migrations.size();
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    migrations[i].version = keep_numbers ? numbered[i] : padded(std::to_string(i + 1));
  }
}

// The SQL as a file of its own: without the blank lines before its first line and after its last
// (the other direction's section, a removed BEGIN). Nothing in between changes: a function body's
// text, blank lines and trailing spaces included, is what the tool ran.
std::string tidy(const std::string& sql) {
  std::size_t begin = 0;
  for (std::size_t i = 0; i < sql.size() && (sql[i] == ' ' || sql[i] == '\t' || sql[i] == '\r' || sql[i] == '\n'); ++i) {
    if (sql[i] == '\n') begin = i + 1;
  }
  const auto last = sql.find_last_not_of(" \t\r\n");
  if (last == std::string::npos || last < begin) return "";
  return sql.substr(begin, last + 1 - begin) + "\n";
}

std::string source_name(const fs::path& source) {
  return (source.parent_path().filename() / source.filename()).string();
}

std::string header(Tool tool, const std::string& id, const std::string& source, bool no_transaction) {
  return "-- imported from " + to_string(tool) + ": " + id + " (" + source + ")\n" +
         (no_transaction ? "-- strata:no-transaction\n" : "");
}

}  // namespace

const std::vector<std::string>& tool_names() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    for (const auto& [tool, name] : names()) out.push_back(name);
    return out;
  }();
  return all;
}

std::string to_string(Tool tool) {
  for (const auto& [known, name] : names()) {
    if (known == tool) return name;
  }
  return "?";
}

Tool parse_tool(const std::string& name) {
  for (const auto& [tool, known] : names()) {
    if (known == name) return tool;
  }
  std::string list;
  for (const auto& known : tool_names()) list += (list.empty() ? "" : ", ") + known;
  throw Error("unknown tool '" + name + "' (one of " + list + ")");
}

std::vector<Imported> read(Tool tool, const fs::path& directory) {
  // (Liquibase's changelog may be a file: an XML master changelog or one SQL changelog.)
  if (!fs::is_directory(directory) && !(tool == Tool::liquibase && fs::is_regular_file(directory))) {
    throw Error(directory.string() + ": no such directory");
  }
  std::vector<Imported> migrations;
  switch (tool) {
    case Tool::flyway: migrations = read_flyway(directory); break;
    case Tool::liquibase: migrations = read_liquibase(directory); break;
    case Tool::golang_migrate: migrations = read_golang_migrate(directory); break;
    case Tool::goose: migrations = read_goose(directory); break;
    case Tool::dbmate: migrations = read_dbmate(directory); break;
    case Tool::sqitch: migrations = read_sqitch(directory); break;
    case Tool::diesel: migrations = read_diesel(directory); break;
    case Tool::sqlx: migrations = read_sqlx(directory); break;
    case Tool::node_pg_migrate: migrations = read_node_pg_migrate(directory); break;
    case Tool::prisma: migrations = read_prisma(directory); break;
    case Tool::drizzle: migrations = read_drizzle(directory); break;
  }
  if (migrations.empty()) throw Error(directory.string() + ": no " + to_string(tool) + " migration found");
  std::set<std::string> ids;
  for (auto& migration : migrations) {
    if (!ids.insert(migration.id).second) refuse(migration.source, "its id " + migration.id + " is used twice");
    migration.up = without_transaction_wrapper(migration.up, migration.source);
    if (migration.down) migration.down = without_transaction_wrapper(*migration.down, migration.source);
    migration.no_transaction = migration.no_transaction || needs_no_transaction(migration.up, migration.source);
  }
  assign_versions(migrations);
  return migrations;
}

namespace {

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  file.close();
  if (!file) throw Error(path.string() + ": cannot write");
}

}  // namespace

std::vector<fs::path> write(Tool tool, const std::vector<Imported>& migrations, const fs::path& out) {
  fs::create_directories(out);
  if (!migrations::read_directory(out).empty()) {
    throw Error(out.string() + ": already holds migrations; import into an empty directory");
  }
  std::vector<fs::path> written;
  for (const auto& migration : migrations) {
    const auto base = out / (migration.version + "_" + migration.slug);
    const auto up = fs::path(base.string() + ".sql");
    write_file(up, header(tool, migration.id, source_name(migration.source), migration.no_transaction) + tidy(migration.up));
    written.push_back(up);
    if (migration.down) {
      const auto down = fs::path(base.string() + ".down.sql");
      write_file(down, header(tool, migration.id + " down", source_name(migration.source),
                              needs_no_transaction(*migration.down, migration.source)) +
                           tidy(*migration.down));
      written.push_back(down);
    }
  }
  migrations::write_integrity_file(out, migrations::read_directory(out));
  written.push_back(out / migrations::kIntegrityFileName);
  return written;
}

std::optional<Origin> origin_of(const std::string& up_sql) {
  static const std::regex line(R"(^-- imported from ([a-z-]+): (.+) \(([^()]*)\)\r?$)");
  const auto first = up_sql.substr(0, up_sql.find('\n'));
  std::smatch match;
  if (!std::regex_match(first, match, line)) return std::nullopt;
  return Origin{match[1], match[2]};
}

namespace {

// Where a tool records what it applied, and a query giving, in the tool's order, each applied
// migration's id and, for one that did not succeed, why ("" when it did).
struct HistoryTable {
  std::string table;
  std::string sql;
};

HistoryTable history_table(Tool tool) {
  switch (tool) {
    case Tool::flyway:
      return {"flyway_schema_history",
              "SELECT version, CASE WHEN success THEN '' ELSE 'version ' || version || ' failed' END "
              "FROM flyway_schema_history WHERE version IS NOT NULL AND type <> 'BASELINE' ORDER BY installed_rank"};
    case Tool::golang_migrate:  // one row: the current version
      return {"schema_migrations",
              "SELECT version::text, CASE WHEN dirty THEN 'version ' || version || ' is dirty' ELSE '' END "
              "FROM schema_migrations"};
    case Tool::dbmate: return {"schema_migrations", "SELECT version, '' FROM schema_migrations ORDER BY version"};
    case Tool::goose:  // the newest row of each version says whether it is applied (a down adds is_applied = false)
      return {"goose_db_version",
              "SELECT version_id::text, '' FROM (SELECT DISTINCT ON (version_id) version_id, is_applied "
              "FROM goose_db_version ORDER BY version_id, id DESC) v WHERE is_applied AND version_id > 0 ORDER BY version_id"};
    case Tool::diesel:
      return {"__diesel_schema_migrations", "SELECT version, '' FROM __diesel_schema_migrations ORDER BY version"};
    case Tool::sqlx:
      return {"_sqlx_migrations",
              "SELECT version::text, CASE WHEN success THEN '' ELSE 'version ' || version || ' failed' END "
              "FROM _sqlx_migrations ORDER BY version"};
    case Tool::node_pg_migrate: return {"pgmigrations", "SELECT name, '' FROM pgmigrations ORDER BY run_on, id"};
    case Tool::prisma:
      return {"_prisma_migrations",
              "SELECT migration_name, CASE WHEN finished_at IS NULL THEN migration_name || ' did not finish' ELSE '' END "
              "FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at"};
    case Tool::drizzle:
      return {"drizzle.__drizzle_migrations",
              "SELECT created_at::text, '' FROM drizzle.__drizzle_migrations ORDER BY created_at"};
    case Tool::sqitch: return {"sqitch.changes", "SELECT change, '' FROM sqitch.changes ORDER BY committed_at"};
    case Tool::liquibase:  // the id read() gives: <file name>::<id>::<author>
      return {"databasechangelog",
              "SELECT regexp_replace(filename, '^.*/', '') || '::' || id || '::' || author, '' "
              "FROM databasechangelog ORDER BY orderexecuted"};
  }
  return {};
}

}  // namespace

AppliedHistory applied_history(Tool tool, const std::string& connection) {
  const pg::Session session(connection, "strata baseline");
  const auto [table, sql] = history_table(tool);
  AppliedHistory history;
  history.table = table;
  history.newest_only = tool == Tool::golang_migrate;
  if (session.value("SELECT to_regclass(" + pg::literal(table) + ") IS NOT NULL") != "t") {
    throw Error(to_string(tool) + "'s history table " + table + " does not exist in this database");
  }
  const auto rows = session.query(sql, "cannot read " + table);
  if (history.newest_only && rows.size() != 1) {
    throw Error(table + " has " + std::to_string(rows.size()) + " rows (" + to_string(tool) + " keeps one)");
  }
  for (const auto& row : rows) {
    if (!row[1].empty()) throw Error(table + " says " + row[1] + ": finish or repair it with " + to_string(tool) + " first");
    history.ids.push_back(row[0]);
  }
  return history;
}

std::vector<std::string> history_objects(Tool tool) {
  switch (tool) {
    case Tool::flyway: return {"public.flyway_schema_history"};
    case Tool::golang_migrate:
    case Tool::dbmate: return {"public.schema_migrations"};
    case Tool::goose: return {"public.goose_db_version"};
    case Tool::diesel: return {"public.__diesel_schema_migrations"};
    case Tool::sqlx: return {"public._sqlx_migrations"};
    case Tool::node_pg_migrate: return {"public.pgmigrations"};
    case Tool::prisma: return {"public._prisma_migrations"};
    case Tool::drizzle: return {"drizzle"};
    case Tool::sqitch: return {"sqitch"};
    case Tool::liquibase: return {"public.databasechangelog", "public.databasechangeloglock"};
  }
  return {};
}

std::string baseline_version(Tool tool, const std::vector<migrations::Migration>& migrations, const AppliedHistory& history) {
  std::map<std::string, const migrations::Migration*> by_id;
  for (const auto& migration : migrations) {
    const auto origin = origin_of(migration.up.sql);
    if (origin && origin->tool == to_string(tool)) by_id[origin->id] = &migration;
  }
  if (by_id.empty()) {
    throw Error("no migration here was imported from " + to_string(tool) + " (strata import --from " + to_string(tool) +
                " writes `-- imported from " + to_string(tool) + ": ...` at the top of each)");
  }
  if (history.ids.empty()) throw Error(history.table + " records no applied migration: nothing to baseline");
  std::string newest;
  std::set<std::string> applied;
  for (const auto& id : history.ids) {
    const auto it = by_id.find(id);
    if (it == by_id.end()) {
      throw Error(history.table + " records " + id + ", which no imported migration is: import the history the "
                  "database was migrated with");
    }
    applied.insert(it->second->version);
    newest = std::max(newest, it->second->version);
  }
  if (!history.newest_only) {
    std::vector<std::string> gaps;
    for (const auto& [id, migration] : by_id) {
      if (migration->version < newest && !applied.count(migration->version)) gaps.push_back(migration->name() + " (" + id + ")");
    }
    if (!gaps.empty()) {
      throw Error(history.table + " does not record " + gaps.front() +
                  (gaps.size() > 1 ? " and " + std::to_string(gaps.size() - 1) + " more" : std::string()) +
                  ", older than its newest: a baseline records every migration up to one version");
    }
  }
  return newest;
}

}  // namespace strata::importer
