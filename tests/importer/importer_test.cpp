// `strata import --from TOOL` on a small history in each tool's layout (tests/importer/fixtures,
// written for these tests), and `strata baseline --from-history TOOL` on a database holding what
// the tool would have left: its schema and its history table, filled the way the tool fills it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <functional>
#include <map>
#include <ostream>

#include "run_strata.h"
#include "strata/importer.h"
#include "strata/migrations.h"
#include "test_cluster.h"

namespace strata::importer {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = STRATA_SOURCE_DIR "/tests/importer/fixtures";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Expected {
  std::string tool;
  std::vector<std::string> ids;
  std::string first_version, last_version;
  std::vector<bool> no_transaction;
  std::size_t downs;
};

void PrintTo(const Expected& expected, std::ostream* out) { *out << expected.tool; }

const std::vector<Expected>& expectations() {
  static const std::vector<Expected> all = {
      {"flyway", {"1", "1.1", "2"}, "00000000000001", "00000000000003", {false, false, true}, 1},
      {"golang-migrate", {"1", "2", "3"}, "00000000000001", "00000000000003", {false, false, true}, 3},
      {"goose", {"1", "2", "3"}, "00000000000001", "00000000000003", {false, false, true}, 3},
      {"dbmate", {"20240101120000", "20240102120000"}, "20240101120000", "20240102120000", {false, true}, 2},
      {"sqitch", {"accounts", "account_names"}, "00000000000001", "00000000000002", {false, false}, 2},
      {"diesel", {"00000000000000", "20240101120000", "20240102120000"}, "00000000000000", "20240102120000",
       {false, false, true}, 3},
      {"sqlx", {"20240101120000", "20240102120000"}, "20240101120000", "20240102120000", {false, true}, 0},
      {"node-pg-migrate", {"1704110400000_create-accounts", "1704196800000_add-name"}, "01704110400000",
       "01704196800000", {false, false}, 2},
      {"prisma", {"20240101120000_init", "20240102120000_add_name"}, "20240101120000", "20240102120000", {false, false}, 0},
      {"drizzle", {"1704110400000", "1704196800000"}, "01704110400000", "01704196800000", {false, false}, 0},
      {"liquibase", {"001-accounts.sql::1::ann", "001-accounts.sql::2::ann"}, "00000000000001", "00000000000002",
       {false, true}, 2},
  };
  return all;
}

class Import : public ::testing::TestWithParam<Expected> {
 protected:
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_ = fs::temp_directory_path() / ("strata-import-" + std::to_string(::getpid()) + "-" + GetParam().tool);
  fs::path out_ = root_ / "migrations";
};

TEST_P(Import, ReadsTheLayoutInTheToolsOrder) {
  const auto& expected = GetParam();
  const auto migrations = read(parse_tool(expected.tool), kFixtures / expected.tool);
  ASSERT_EQ(migrations.size(), expected.ids.size());
  std::size_t downs = 0;
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].id, expected.ids[i]);
    EXPECT_EQ(migrations[i].no_transaction, expected.no_transaction[i]) << migrations[i].id;
    EXPECT_FALSE(contains(migrations[i].up, "BEGIN;")) << "the runner gives each migration its transaction";
    downs += migrations[i].down ? 1 : 0;
  }
  EXPECT_EQ(migrations.front().version, expected.first_version);
  EXPECT_EQ(migrations.back().version, expected.last_version);
  EXPECT_EQ(downs, expected.downs);
}

// Imported, migrated by strata, no drift; then a database the tool migrated is baselined from the
// tool's history table and has nothing pending.
TEST_P(Import, MigratesWithoutDriftAndBaselinesFromTheToolsHistory) {
  const auto& expected = GetParam();
  const auto tool = parse_tool(expected.tool);
  auto run = testing::run_strata({"import", "--from", expected.tool, (kFixtures / expected.tool).string(), "--out", out_.string()},
                                 root_.parent_path());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "(0 syntax errors)")) << run.all();
  const auto imported = migrations::read_directory(out_);
  ASSERT_EQ(imported.size(), expected.ids.size());
  for (std::size_t i = 0; i < imported.size(); ++i) {
    const auto origin = origin_of(imported[i].up.sql);
    ASSERT_TRUE(origin) << imported[i].up.sql;
    EXPECT_EQ(origin->id, expected.ids[i]);
    EXPECT_EQ(imported[i].up.pragmas.no_transaction, expected.no_transaction[i]) << imported[i].up.sql;
  }

  testing::ScratchDb fresh("import_fresh");
  const auto url = testing::shared_cluster().url(fresh.name());
  run = testing::run_strata({"migrate", "--url", url, "--migrations", out_.string()}, root_);
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "applied " + std::to_string(expected.ids.size()) + " migration")) << run.all();
  run = testing::run_strata({"verify", "--url", url, "--migrations", out_.string()}, root_);
  EXPECT_EQ(run.exit_code, 0) << run.all();

  // What the tool leaves: its migrations' SQL, applied in its order, and its history table.
  testing::ScratchDb theirs("import_theirs");
  for (const auto& migration : imported) testing::exec(theirs.connection_string(), migration.up.sql);
  const auto history = [&]() -> std::string {
    std::string sql;
    const auto& ids = expected.ids;
    const auto each = [&](const std::function<std::string(const std::string&, std::size_t)>& row) {
      for (std::size_t i = 0; i < ids.size(); ++i) sql += row(ids[i], i);
    };
    switch (tool) {
      case Tool::flyway:
        sql = "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), description "
              "varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int, installed_by "
              "varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, "
              "success boolean NOT NULL); CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);";
        each([](const std::string& id, std::size_t i) {
          return "INSERT INTO flyway_schema_history VALUES (" + std::to_string(i + 1) + ", '" + id +
                 "', 'x', 'SQL', 'V" + id + "__x.sql', 0, 'ann', now(), 1, true);";
        });
        break;
      case Tool::golang_migrate:
        sql = "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
              "INSERT INTO schema_migrations VALUES (" + ids.back() + ", false);";
        break;
      case Tool::goose:
        sql = "CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, "
              "tstamp timestamp DEFAULT now()); INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true);";
        each([](const std::string& id, std::size_t) { return "INSERT INTO goose_db_version (version_id, is_applied) VALUES (" + id + ", true);"; });
        break;
      case Tool::dbmate:
        sql = "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);";
        each([](const std::string& id, std::size_t) { return "INSERT INTO schema_migrations VALUES ('" + id + "');"; });
        break;
      case Tool::diesel:
        sql = "CREATE TABLE __diesel_schema_migrations (version varchar(50) PRIMARY KEY, run_on timestamp NOT NULL DEFAULT now());";
        each([](const std::string& id, std::size_t) { return "INSERT INTO __diesel_schema_migrations (version) VALUES ('" + id + "');"; });
        break;
      case Tool::sqlx:
        sql = "CREATE TABLE _sqlx_migrations (version bigint PRIMARY KEY, description text NOT NULL, installed_on timestamptz "
              "NOT NULL DEFAULT now(), success boolean NOT NULL, checksum bytea NOT NULL, execution_time bigint NOT NULL);";
        each([](const std::string& id, std::size_t) { return "INSERT INTO _sqlx_migrations VALUES (" + id + ", 'x', now(), true, '', 1);"; });
        break;
      case Tool::node_pg_migrate:
        sql = "CREATE TABLE pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL);";
        each([](const std::string& id, std::size_t) { return "INSERT INTO pgmigrations (name, run_on) VALUES ('" + id + "', clock_timestamp());"; });
        break;
      case Tool::prisma:
        sql = "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at "
              "timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at "
              "timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0);";
        each([](const std::string& id, std::size_t i) {
          return "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at) VALUES ('" +
                 std::to_string(i) + "', 'x', now(), '" + id + "', clock_timestamp());";
        });
        break;
      case Tool::drizzle:
        sql = "CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint);";
        each([](const std::string& id, std::size_t) { return "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('x', " + id + ");"; });
        break;
      case Tool::sqitch:
        sql = "CREATE SCHEMA sqitch; CREATE TABLE sqitch.changes (change_id text PRIMARY KEY, change text NOT NULL, project "
              "text NOT NULL, committed_at timestamptz NOT NULL DEFAULT clock_timestamp());";
        each([](const std::string& id, std::size_t i) {
          return "INSERT INTO sqitch.changes (change_id, change, project) VALUES ('" + std::to_string(i) + "', '" + id + "', 'accounts');";
        });
        break;
      case Tool::liquibase:
        sql = "CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL, filename varchar(255) "
              "NOT NULL, dateexecuted timestamp NOT NULL, orderexecuted int NOT NULL, exectype varchar(10) NOT NULL);"
              "CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL);";
        each([](const std::string& id, std::size_t i) {
          const auto first = id.find("::"), second = id.find("::", first + 2);
          return "INSERT INTO databasechangelog VALUES ('" + id.substr(first + 2, second - first - 2) + "', '" +
                 id.substr(second + 2) + "', 'db/changelog/" + id.substr(0, first) + "', now(), " + std::to_string(i + 1) +
                 ", 'EXECUTED');";
        });
        break;
    }
    return sql;
  }();
  testing::exec(theirs.connection_string(), history);
  const auto their_url = testing::shared_cluster().url(theirs.name());
  run = testing::run_strata({"baseline", "--from-history", expected.tool, "--url", their_url, "--migrations", out_.string()}, root_);
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "baseline at " + expected.last_version)) << run.all();
  run = testing::run_strata({"status", "--url", their_url, "--migrations", out_.string()}, root_);
  EXPECT_EQ(run.exit_code, 0) << "nothing pending after the baseline\n" << run.all();
}

INSTANTIATE_TEST_SUITE_P(Tools, Import, ::testing::ValuesIn(expectations()),
                         [](const ::testing::TestParamInfo<Expected>& info) {
                           std::string name = info.param.tool;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(ImportRefusals, WhatStrataHasNoEquivalentForIsRefusedNamingTheFile) {
  const fs::path root = fs::temp_directory_path() / ("strata-import-refusals-" + std::to_string(::getpid()));
  fs::create_directories(root / "flyway");
  std::ofstream(root / "flyway" / "R__views.sql") << "CREATE VIEW v AS SELECT 1;\n";
  EXPECT_THROW(
      {
        try {
          read(Tool::flyway, root / "flyway");
        } catch (const Error& error) {
          EXPECT_TRUE(contains(error.what(), "R__views.sql: a Flyway repeatable migration")) << error.what();
          throw;
        }
      },
      Error);
  fs::create_directories(root / "goose");
  std::ofstream(root / "goose" / "00001_seed.go") << "package migrations\n";
  EXPECT_THROW(read(Tool::goose, root / "goose"), Error);
  fs::create_directories(root / "dbmate");
  std::ofstream(root / "dbmate" / "20240101120000_x.sql") << "-- migrate:up\nBEGIN;\nCREATE TABLE a (id int);\nROLLBACK;\n";
  EXPECT_THROW(read(Tool::dbmate, root / "dbmate"), Error) << "transaction control other than BEGIN ... COMMIT blocks";
  EXPECT_THROW(parse_tool("alembic"), Error);
  // Into a directory that holds migrations already: refused, nothing written.
  const auto migrations = read(Tool::sqlx, kFixtures / "sqlx");
  write(Tool::sqlx, migrations, root / "out");
  EXPECT_THROW(write(Tool::sqlx, migrations, root / "out"), Error);
  fs::remove_all(root);
}

TEST(ImportBaseline, AHistoryNamingAnUnknownMigrationOrWithAGapIsRefused) {
  const fs::path root = fs::temp_directory_path() / ("strata-import-gaps-" + std::to_string(::getpid()));
  write(Tool::dbmate, read(Tool::dbmate, kFixtures / "dbmate"), root);
  const auto migrations = migrations::read_directory(root);
  EXPECT_EQ(baseline_version(Tool::dbmate, migrations, {{"20240101120000", "20240102120000"}, false, "schema_migrations"}),
            "20240102120000");
  EXPECT_THROW(baseline_version(Tool::dbmate, migrations, {{"20240102120000"}, false, "schema_migrations"}), Error);
  EXPECT_THROW(baseline_version(Tool::dbmate, migrations, {{"20990101000000"}, false, "schema_migrations"}), Error);
  EXPECT_THROW(baseline_version(Tool::goose, migrations, {{"1"}, false, "goose_db_version"}), Error);
  fs::remove_all(root);
}

}  // namespace
}  // namespace strata::importer
