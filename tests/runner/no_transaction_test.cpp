// `-- strata:no-transaction` migrations: autocommit statement by statement, progress in the
// history, resume after the last completed statement.
#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

class NoTransaction : public RunnerTest {};

TEST_F(NoTransaction, RunsOutsideATransaction) {
  add(1, "table", "CREATE TABLE t (id int);\n");
  add(2, "index", "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n"
                  "CREATE INDEX CONCURRENTLY t_id2 ON t (id);\n");
  EventLog log;
  auto options = quick();
  options.on_event = log.recorder();
  const auto report = migrate(url(), files(), options);
  ASSERT_EQ(report.applied.size(), 2u);
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass AND indisvalid"), "2");
  const auto statements = log.of(Event::Kind::StatementDone);
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1].statement, 2);
  EXPECT_EQ(statements[1].statements, 2);
  EXPECT_EQ(scalar("SELECT statements_done IS NULL FROM strata.migrations WHERE version = '" + version(2) + "'"), "t");
}

TEST_F(NoTransaction, FailedStatementLeavesProgressAndTheRerunResumesAfterIt) {
  const auto path = add(1, "three_steps",
                        "-- strata:no-transaction\nCREATE TABLE nt1 (id int);\nINSERT INTO missing_table VALUES (1);\n"
                        "CREATE TABLE nt3 (id int);\n");
  try {
    migrate(url(), files(), quick());
    FAIL() << "statement 2 must fail";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.sqlstate(), "42P01");
    EXPECT_EQ(error.location().to_string(), path.string() + ":3:13") << error.what();
    EXPECT_NE(describe(error).find("1 of 3 statements done"), std::string::npos) << describe(error);
  }
  EXPECT_EQ(scalar("SELECT statements_done FROM strata.migrations"), "1");
  EXPECT_TRUE(table_exists("nt1"));
  EXPECT_FALSE(table_exists("nt3"));
  const auto partial = status(url(), files());
  ASSERT_EQ(partial.migrations.size(), 1u);
  EXPECT_EQ(partial.migrations[0].state, State::Partial);
  EXPECT_EQ(partial.migrations[0].statements, 3);

  // A rerun of the same file resumes at statement 2 (statement 1 would fail: nt1 exists).
  try {
    migrate(url(), files(), quick());
    FAIL();
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.location().line, 3) << error.what();
  }
  EXPECT_EQ(scalar("SELECT statements_done FROM strata.migrations"), "1");

  // Fixing the file changes its checksum: resuming an edited file needs a deliberate repair.
  add(1, "three_steps", "-- strata:no-transaction\nCREATE TABLE nt1 (id int);\nCREATE TABLE nt2 (id int);\n"
                        "CREATE TABLE nt3 (id int);\n");
  try {
    migrate(url(), files(), quick());
    FAIL() << "an edited partial migration must not resume silently";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find("strata repair"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
  }
  const auto repaired = repair(url(), files());
  ASSERT_EQ(repaired.size(), 1u);
  EXPECT_NE(repaired[0].find("resumes after statement 1"), std::string::npos) << repaired[0];

  EventLog log;
  auto options = quick();
  options.on_event = log.recorder();
  const auto report = migrate(url(), files(), options);
  ASSERT_EQ(report.applied.size(), 1u);
  EXPECT_TRUE(report.applied[0].resumed);
  const auto resuming = log.of(Event::Kind::Resuming);
  ASSERT_EQ(resuming.size(), 1u);
  EXPECT_EQ(resuming[0].statement, 1);
  EXPECT_EQ(resuming[0].statements, 3);
  EXPECT_TRUE(table_exists("nt2"));
  EXPECT_TRUE(table_exists("nt3"));
  EXPECT_EQ(scalar("SELECT statements_done IS NULL AND execution_ms >= 0 FROM strata.migrations"), "t");
  EXPECT_TRUE(status(url(), files()).current());
}

TEST_F(NoTransaction, StatementsRunWithTheConfiguredTimeouts) {
  // (That they are RESET afterwards is part of the SQL checked in dry_run_test.cpp.)
  add(1, "log", "CREATE TABLE seen (what text, lock_timeout text, statement_timeout text);\n");
  add(2, "no_tx", "-- strata:no-transaction\n"
                  "INSERT INTO seen VALUES ('no-tx', current_setting('lock_timeout'), current_setting('statement_timeout'));\n");
  add(3, "tx", "INSERT INTO seen VALUES ('tx', current_setting('lock_timeout'), current_setting('statement_timeout'));\n");
  auto options = quick();
  options.timeouts.lock_timeout = 1234ms;
  options.timeouts.statement_timeout = 56789ms;
  migrate(url(), files(), options);
  EXPECT_EQ(scalar("SELECT lock_timeout || ' ' || statement_timeout FROM seen WHERE what = 'no-tx'"), "1234ms 56789ms");
  EXPECT_EQ(scalar("SELECT lock_timeout || ' ' || statement_timeout FROM seen WHERE what = 'tx'"), "1234ms 56789ms");
}

}  // namespace
}  // namespace strata::runner
