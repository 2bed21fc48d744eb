// A dry run changes nothing, and its SQL is exactly what a real run sends: checked against the
// statements the server logged for the real run's connection (log_statement = all).
#include <regex>
#include <sstream>

#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

class DryRun : public RunnerTest {
 protected:
  static fs::path server_log() { return strata::testing::shared_cluster().directory() / "server.log"; }
  static std::uintmax_t log_size() { return fs::exists(server_log()) ? fs::file_size(server_log()) : 0; }

  // The connection string of a real run whose statements the server logs.
  std::string logged_url() const { return url() + " options='-c log_statement=all'"; }

  // Every statement the runner's main connection sent after `offset`, each followed by ";\n"
  // like in a dry run, without the reads a dry run leaves out (history, lock polling).
  static std::string sent_since(std::uintmax_t offset) {
    std::ifstream in(server_log());
    in.seekg(static_cast<std::streamoff>(offset));
    static const std::regex statement_line(R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\S* \S+ \[(\d+)\] LOG:  statement: (.*)$)");
    std::vector<std::pair<std::string, std::string>> statements;  // pid, text
    std::string line;
    bool continuing = false;
    while (std::getline(in, line)) {
      std::smatch match;
      if (std::regex_match(line, match, statement_line)) {
        statements.emplace_back(match[1], match[2]);
        continuing = true;
      } else if (continuing && !line.empty() && line[0] == '\t') {
        statements.back().second += "\n" + line.substr(1);  // the server indents continuation lines with a tab
      } else {
        continuing = false;
      }
    }
    if (statements.empty()) return "";
    const std::string runner_pid = statements.front().first;  // its first statement reads the history
    std::string sent;
    for (const auto& [pid, text] : statements) {
      if (pid != runner_pid) continue;
      bool read = false;
      for (const char* prefix : {"SELECT current_user, to_regclass", "SELECT version, name, checksum",
                                 "SELECT pg_try_advisory_lock(", "SELECT pg_advisory_unlock("}) {
        read = read || text.rfind(prefix, 0) == 0;
      }
      if (!read) sent += text + ";\n";
    }
    return sent;
  }

  // The dry run's text without its comment headers and blank lines.
  static std::string statements_of(const std::string& dry_run_sql) {
    std::istringstream lines(dry_run_sql);
    std::string line, statements;
    while (std::getline(lines, line)) {
      if (line.empty() || line.rfind("-- ", 0) == 0) continue;
      statements += line + "\n";
    }
    return statements;
  }

  RunOptions options() const {
    auto options = quick();
    options.dry_run = true;
    options.applied_by = "tester";
    options.strata_version = "9.9";
    options.check_row_counts = false;
    options.timeouts.lock_timeout = 1500ms;
    options.timeouts.statement_timeout = 60s;
    return options;
  }
};

TEST_F(DryRun, PrintsExactlyTheSqlAndChangesNothing) {
  add(1, "first", "CREATE TABLE first (id int);\n");
  auto first = quick();
  first.to_version = version(1);
  migrate(url(), files(), first);
  add(2, "create_users", "CREATE TABLE users (id int);\n\nINSERT INTO users VALUES (1);\n");
  add(3, "index_users", "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY users_id ON users (id);\n"
                        "CREATE INDEX CONCURRENTLY users_id2 ON users (id);\n");
  const auto migrations = files();
  const std::string v2 = "'" + version(2) + "'", v3 = "'" + version(3) + "'";

  const auto report = migrate(url(), migrations, options());

  EXPECT_TRUE(report.applied.empty());
  EXPECT_EQ(report.dry_run_sql,
            "-- " + version(2) + "_create_users\n"
            "RESET ALL;\n"
            "BEGIN ISOLATION LEVEL READ COMMITTED;\n"
            "SET LOCAL lock_timeout = '1500ms';\n"
            "SET LOCAL statement_timeout = '60000ms';\n"
            "SET LOCAL synchronous_commit = on;\n"
            // The test cluster's role is called strata: "$user" would mean the history schema.
            "SET LOCAL search_path = public;\n"
            "SELECT pg_advisory_xact_lock(8319400174550056962);\n"
            "SELECT EXISTS (SELECT FROM strata.migrations WHERE version = " + v2 + ");\n"
            "CREATE TABLE users (id int);\n"
            "INSERT INTO users VALUES (1);\n"
            "INSERT INTO strata.migrations (version, name, checksum, applied_by, execution_ms, strata_version) VALUES (" +
                v2 + ", '" + version(2) + "_create_users', '" + checksum(migrations[1]) +
                "', 'tester', (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, '9.9');\n"
            "COMMIT;\n"
            "\n"
            "-- " + version(3) + "_index_users\n"
            "RESET ALL;\n"
            "SET lock_timeout = '1500ms';\n"
            "SET statement_timeout = '60000ms';\n"
            "SET synchronous_commit = on;\n"
            "SET search_path = public;\n"
            "INSERT INTO strata.migrations (version, name, checksum, applied_by, strata_version, statements_done) VALUES (" +
                v3 + ", '" + version(3) + "_index_users', '" + checksum(migrations[2]) +
                "', 'tester', '9.9', 0) ON CONFLICT (version) DO NOTHING;\n"
            "CREATE INDEX CONCURRENTLY users_id ON users (id);\n"
            "UPDATE strata.migrations SET statements_done = 1 WHERE version = " + v3 + ";\n"
            "CREATE INDEX CONCURRENTLY users_id2 ON users (id);\n"
            "UPDATE strata.migrations SET statements_done = NULL, execution_ms = "
            "(extract(epoch FROM clock_timestamp() - applied_at) * 1000)::bigint WHERE version = " + v3 + ";\n"
            "RESET ALL;\n"
            "\n");
  EXPECT_FALSE(table_exists("users"));
  EXPECT_EQ(history_versions(), std::vector<std::string>{version(1)});

  // The real run sends exactly that.
  auto real = options();
  real.dry_run = false;
  const auto offset = log_size();
  EXPECT_EQ(migrate(logged_url(), migrations, real).applied.size(), 2u);
  EXPECT_EQ(sent_since(offset), statements_of(report.dry_run_sql));
}

TEST_F(DryRun, OnAFreshDatabaseCreatesNothingNotEvenTheHistoryTable) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  add(2, "b", "-- strata:no-transaction\nCREATE TABLE b (id int);\n");
  EventLog log;
  auto dry = options();
  dry.on_event = log.recorder();
  const auto report = migrate(url(), files(), dry);

  EXPECT_EQ(report.dry_run_sql.rfind("-- strata: history table\nBEGIN;\nSELECT pg_advisory_xact_lock(8319400174550056962);\n"
                                     "CREATE SCHEMA IF NOT EXISTS strata;\nCREATE TABLE IF NOT EXISTS strata.migrations (\n",
                                     0),
            0u)
      << report.dry_run_sql;
  EXPECT_NE(report.dry_run_sql.find("\n-- " + version(1) + "_a\n"), std::string::npos);
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'strata'"), "0");
  EXPECT_FALSE(table_exists("a"));
  EXPECT_TRUE(log.of(Event::Kind::LockAcquired).empty());
  EXPECT_TRUE(log.of(Event::Kind::MigrationStarted).empty());

  auto real = options();
  real.dry_run = false;
  const auto offset = log_size();
  EXPECT_EQ(migrate(logged_url(), files(), real).applied.size(), 2u);
  EXPECT_EQ(sent_since(offset), statements_of(report.dry_run_sql));
}

TEST_F(DryRun, NothingPendingPrintsNothing) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  migrate(url(), files(), quick());
  const auto report = migrate(url(), files(), options());
  EXPECT_TRUE(report.already_current);
  EXPECT_TRUE(report.dry_run_sql.empty());
}

}  // namespace
}  // namespace strata::runner
