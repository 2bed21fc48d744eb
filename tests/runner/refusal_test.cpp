// What makes a run refuse before anything runs (edited, missing, integrity problems,
// transaction control in a file) and how a failing statement is reported and rolled back.
#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

class Refusal : public RunnerTest {};

TEST_F(Refusal, EditedAppliedMigrationIsNamedAndNothingRuns) {
  const auto edited = add(1, "create_users", "CREATE TABLE users (id int);\n");
  add(2, "b", "CREATE TABLE b (id int);\n");
  migrate(url(), files(), quick());
  add(1, "create_users", "CREATE TABLE users (id bigint);\n");
  add(3, "c", "CREATE TABLE c (id int);\n");
  try {
    migrate(url(), files(), quick());
    FAIL() << "an edited applied migration must be refused";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find(edited.string()), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("edited"), std::string::npos) << error.what();
    EXPECT_EQ(error.details().size(), 1u);
  }
  EXPECT_FALSE(table_exists("c"));
}

TEST_F(Refusal, AppliedMigrationWithoutItsFileIsNamed) {
  const auto gone = add(1, "create_users", "CREATE TABLE users (id int);\n");
  migrate(url(), files(), quick());
  std::filesystem::remove(gone);
  add(2, "b", "CREATE TABLE b (id int);\n");
  try {
    migrate(url(), files(), quick());
    FAIL() << "a missing file must be refused";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find(version(1) + "_create_users"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("missing"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(table_exists("b"));
}

TEST_F(Refusal, IntegrityProblemsAreListedAndNothingIsTouched) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  auto options = quick();
  options.integrity_problems = {"20260101000001_a.sql: edited", "20260101000002_b.sql: not recorded"};
  try {
    migrate(url(), files(), options);
    FAIL() << "integrity problems must be refused";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find("20260101000001_a.sql: edited"), std::string::npos) << error.what();
    EXPECT_EQ(error.details(), options.integrity_problems);
  }
  EXPECT_FALSE(table_exists("a"));
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'strata'"), "0");
}

TEST_F(Refusal, TransactionControlInAFileIsRefusedAtItsLineBeforeAnythingRuns) {
  add(1, "fine", "CREATE TABLE fine (id int);\n");
  const auto bad = add(2, "with_commit", "CREATE TABLE a (id int);\n\n  COMMIT;\nCREATE TABLE b (id int);\n");
  try {
    migrate(url(), files(), quick());
    FAIL() << "COMMIT inside a migration must be refused";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.location().to_string(), bad.string() + ":3:3");
    EXPECT_NE(std::string(error.what()).find(bad.string() + ":3:3: COMMIT is not allowed"), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(table_exists("fine"));
  EXPECT_FALSE(history_exists());
}

TEST_F(Refusal, EveryKindOfTransactionControlIsRefused) {
  for (const std::string statement : {"BEGIN", "START TRANSACTION", "END", "ROLLBACK", "ABORT",
                                      "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'"}) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    add(1, "tx", "SELECT 1;\n" + statement + ";\n");
    EXPECT_THROW(migrate(url(), files(), quick()), sql::SqlError) << statement;
  }
  // In a file the parser rejects (a syntax error further down), BEGIN is still found.
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  const auto broken = add(1, "broken", "BEGIN;\nCREATE TABLEX t (id int);\n");
  try {
    migrate(url(), files(), quick());
    FAIL();
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.location().to_string(), broken.string() + ":1:1") << error.what();
    EXPECT_NE(std::string(error.what()).find("BEGIN is not allowed"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(history_exists());
}

TEST_F(Refusal, SyntaxErrorIsReportedAtFileLineColumnAndTheMigrationIsRolledBack) {
  add(1, "fine", "CREATE TABLE fine (id int);\n");
  const auto bad = add(2, "typo", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nCREATE TABLEX b (id int);\n");
  try {
    migrate(url(), files(), quick());
    FAIL() << "a syntax error must fail the run";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.sqlstate(), "42601");
    EXPECT_EQ(error.location().to_string(), bad.string() + ":3:8") << error.what();
    EXPECT_NE(std::string(error.what()).find("TABLEX"), std::string::npos) << error.what();
    EXPECT_EQ(error.statement(), "CREATE TABLEX b (id int)");
  }
  EXPECT_TRUE(table_exists("fine"));  // the migration before it stays applied
  EXPECT_FALSE(table_exists("a"));    // the failed one's earlier statements were rolled back
  EXPECT_EQ(history_versions(), std::vector<std::string>{version(1)});
}

TEST_F(Refusal, RuntimeErrorPointsAtTheStatement) {
  const auto bad = add(1, "bad_column", "CREATE TABLE a (id int);\n\nSELECT nope FROM a;\n");
  try {
    migrate(url(), files(), quick());
    FAIL();
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.sqlstate(), "42703");
    EXPECT_EQ(error.location().to_string(), bad.string() + ":3:8") << error.what();
  }
  EXPECT_FALSE(table_exists("a"));
}

// Statements go to the server many at a time (pg::send_batch): the failing one is still the one
// named, whether PostgreSQL gave a position (counted in characters, from the batch's start) or not.
TEST_F(Refusal, ErrorsDeepInALongMigrationPointAtTheirOwnStatement) {
  std::string head = "CREATE TABLE \"tâble\" (id int);\n";
  for (int i = 0; i < 150; ++i) head += "INSERT INTO \"tâble\" VALUES (" + std::to_string(i) + "); -- é\n";
  const auto positioned = add(1, "positioned", head + "SELECT nope FROM \"tâble\";\nSELECT 1;\n");
  try {
    migrate(url(), files(), quick());
    FAIL();
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.sqlstate(), "42703");
    EXPECT_EQ(error.location().to_string(), positioned.string() + ":152:8") << error.what();
    EXPECT_EQ(error.statement(), "SELECT nope FROM \"tâble\"");
  }
  std::filesystem::remove(positioned);
  const auto unpositioned = add(1, "unpositioned", head + "SELECT 1 / 0;\nSELECT 1;\n");
  try {
    migrate(url(), files(), quick());
    FAIL();
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.sqlstate(), "22012");
    EXPECT_EQ(error.location().to_string(), unpositioned.string() + ":152:1") << error.what();
  }
  EXPECT_FALSE(table_exists("tâble"));
  EXPECT_TRUE(history_versions().empty());
}

TEST_F(Refusal, CopyFromStdinIsAnErrorAndRollsBack) {
  const auto bad = add(1, "copy", "CREATE TABLE c (id int);\nCOPY c FROM STDIN;\n");
  add(2, "after", "CREATE TABLE after_copy (id int);\n");
  try {
    migrate(url(), files(), quick());
    FAIL();
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.location().to_string(), bad.string() + ":2:1") << error.what();
    EXPECT_NE(std::string(error.what()).find("COPY"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(table_exists("c"));
  EXPECT_FALSE(table_exists("after_copy"));
  EXPECT_TRUE(history_versions().empty());
}

TEST_F(Refusal, StatementThatCannotRunInATransactionGetsAHint) {
  add(1, "table", "CREATE TABLE t (id int);\n");
  add(2, "index", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n");
  try {
    migrate(url(), files(), quick());
    FAIL();
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.sqlstate(), "25001");
    EXPECT_NE(error.hint().find("strata:no-transaction"), std::string::npos) << describe(error);
  }
}

}  // namespace
}  // namespace strata::runner
