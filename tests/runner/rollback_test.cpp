// rollback: down files newest first, history rows deleted with them, refusals before anything runs.
#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

class Rollback : public RunnerTest {
 protected:
  void SetUp() override {
    RunnerTest::SetUp();
    add(1, "a", "CREATE TABLE a (id int);\n", "DROP TABLE a;\n");
    add(2, "b", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1), (2);\n", "DROP TABLE b;\n");
    add(3, "c", "CREATE TABLE c (id int);\n", "DROP TABLE c;\n");
    migrate(url(), files(), quick());
  }
  static RollbackOptions steps(int count) {
    RollbackOptions options;
    options.run = quick();
    options.steps = count;
    return options;
  }
};

TEST_F(Rollback, RevertsTheNewestStepsNewestFirst) {
  EventLog log;
  auto options = steps(2);
  options.run.on_event = log.recorder();
  const auto report = rollback(url(), files(), options);
  ASSERT_EQ(report.applied.size(), 2u);
  EXPECT_EQ(report.applied[0].version, version(3));
  EXPECT_EQ(report.applied[1].version, version(2));
  EXPECT_EQ(history_versions(), std::vector<std::string>{version(1)});
  EXPECT_TRUE(table_exists("a"));
  EXPECT_FALSE(table_exists("b"));
  EXPECT_FALSE(table_exists("c"));
  EXPECT_EQ(log.of(Event::Kind::MigrationDone).size(), 2u);
  // Down files lose data by nature: recorded, not an error.
  EXPECT_EQ(report.rows_before.at("public.b"), 2);
  EXPECT_EQ(report.rows_after.count("public.b"), 0u);
  // Reverted migrations are pending again.
  EXPECT_EQ(status(url(), files()).pending().size(), 2u);
  EXPECT_EQ(migrate(url(), files(), quick()).applied.size(), 2u);
}

TEST_F(Rollback, RevertsEverythingNewerThanToVersion) {
  auto options = steps(1);
  options.to_version = version(1);
  const auto report = rollback(url(), files(), options);
  EXPECT_EQ(report.applied.size(), 2u);
  EXPECT_EQ(history_versions(), std::vector<std::string>{version(1)});
  options.to_version = version(3);
  EXPECT_TRUE(rollback(url(), files(), options).already_current);
  options.to_version = "0";
  EXPECT_EQ(rollback(url(), files(), options).applied.size(), 1u);
  EXPECT_TRUE(history_versions().empty());
  EXPECT_FALSE(table_exists("a"));
}

TEST_F(Rollback, MissingDownFileIsRefusedBeforeAnythingRuns) {
  std::filesystem::remove(dir_ / (version(2) + "_b.down.sql"));
  try {
    rollback(url(), files(), steps(2));
    FAIL() << "2 has no down file";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find(version(2) + "_b.down.sql"), std::string::npos) << error.what();
  }
  EXPECT_EQ(history_versions().size(), 3u);
  EXPECT_TRUE(table_exists("c"));  // 3, which has a down file, was not reverted either
}

TEST_F(Rollback, FailingDownFileRollsBackThatStepOnly) {
  add(3, "c", "CREATE TABLE c (id int);\n", "DROP TABLE c;\nDROP TABLE nope;\n");
  add(4, "d", "CREATE TABLE d (id int);\n", "DROP TABLE d;\n");
  migrate(url(), files(), quick());
  EXPECT_THROW(rollback(url(), files(), steps(2)), sql::SqlError);
  EXPECT_FALSE(table_exists("d"));  // 4 reverted
  EXPECT_TRUE(table_exists("c"));   // 3's down file failed: its DROP TABLE c was rolled back
  EXPECT_EQ(history_versions().size(), 3u);
}

TEST_F(Rollback, PartialNoTransactionMigrationIsRefused) {
  add(4, "partial", "-- strata:no-transaction\nCREATE TABLE p (id int);\nSELECT 1 / 0;\n", "DROP TABLE p;\n");
  EXPECT_THROW(migrate(url(), files(), quick()), sql::SqlError);
  try {
    rollback(url(), files(), steps(1));
    FAIL() << "a partial migration cannot be rolled back";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find("stopped after statement 1"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(table_exists("p"));
}

TEST_F(Rollback, DryRunPrintsTheDownSqlAndChangesNothing) {
  auto options = steps(1);
  options.run.dry_run = true;
  options.run.timeouts.lock_timeout = 100ms;
  const auto report = rollback(url(), files(), options);
  EXPECT_TRUE(report.applied.empty());
  const std::string v3 = "'" + version(3) + "'";
  EXPECT_EQ(report.dry_run_sql,
            "-- " + version(3) + "_c (down)\n"
            "RESET ALL;\n"
            "BEGIN ISOLATION LEVEL READ COMMITTED;\n"
            "SET LOCAL lock_timeout = '100ms';\n"
            "SET LOCAL statement_timeout = '30000ms';\n"
            "SET LOCAL synchronous_commit = on;\n"
            "SET LOCAL search_path = public;\n"
            "SELECT pg_advisory_xact_lock(8319400174550056962);\n"
            "SELECT EXISTS (SELECT FROM strata.migrations WHERE version = " + v3 + " AND statements_done IS NULL);\n"
            "DROP TABLE c;\n"
            "DELETE FROM strata.migrations WHERE version = " + v3 + ";\n"
            "COMMIT;\n\n");
  EXPECT_TRUE(table_exists("c"));
  EXPECT_EQ(history_versions().size(), 3u);
}

}  // namespace
}  // namespace strata::runner
