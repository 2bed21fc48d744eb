// Suppression comments, approval pragmas, down files, and exact file:line:col positions.
#include <gtest/gtest.h>

#include "lint_test_support.h"

namespace strata::lint {
namespace {

using testing::describe;
using testing::findings_of;
using testing::kHistory;
using testing::lint_sql;

const std::string kIndex = "CREATE INDEX users_email ON users (email);\n";

TEST(Suppression, WithAReasonSuppressesTheNextStatement) {
  const auto report = lint_sql("-- strata:lint-ignore index-not-concurrent users has 40 rows, forever\n" + kIndex);
  const auto found = findings_of(report, "index-not-concurrent");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_TRUE(found[0].suppressed);
  EXPECT_EQ(found[0].suppression_reason, "users has 40 rows, forever");
  EXPECT_FALSE(report.failed());
  EXPECT_EQ(format_text(report).find("[index-not-concurrent]"), std::string::npos) << "suppressed: not printed";
}

TEST(Suppression, SeveralRulesAndOnlyTheNextStatement) {
  const auto report = lint_sql(
      "-- strata:lint-ignore index-not-concurrent, drop-index-not-concurrent tiny table\n"
      "CREATE INDEX users_email ON users (email);\n"
      "DROP INDEX orders_user;\n");
  ASSERT_EQ(findings_of(report, "index-not-concurrent").size(), 1u);
  EXPECT_TRUE(findings_of(report, "index-not-concurrent")[0].suppressed);
  // The DROP is the statement after the next one: not covered.
  ASSERT_EQ(findings_of(report, "drop-index-not-concurrent").size(), 1u);
  EXPECT_FALSE(findings_of(report, "drop-index-not-concurrent")[0].suppressed);
}

TEST(Suppression, CommentOnThePreviousStatementsLineDoesNotCount) {
  const auto report = lint_sql("SELECT 1; -- strata:lint-ignore index-not-concurrent tiny\n" + kIndex);
  ASSERT_EQ(findings_of(report, "index-not-concurrent").size(), 1u);
  EXPECT_FALSE(findings_of(report, "index-not-concurrent")[0].suppressed);
}

TEST(Suppression, WithoutAReasonIsNotAppliedAndIsItselfAFinding) {
  const auto report = lint_sql("-- strata:lint-ignore index-not-concurrent\n" + kIndex);
  ASSERT_EQ(findings_of(report, "index-not-concurrent").size(), 1u) << describe(report);
  EXPECT_FALSE(findings_of(report, "index-not-concurrent")[0].suppressed);
  const auto missing = findings_of(report, "lint-ignore-without-reason");
  ASSERT_EQ(missing.size(), 1u) << describe(report);
  EXPECT_EQ(missing[0].line, 1);
  EXPECT_EQ(missing[0].column, 1);
  EXPECT_TRUE(report.failed());
}

TEST(Suppression, UnknownAndUnusedRulesAreReported) {
  const auto report = lint_sql("-- strata:lint-ignore no-such-rule,drop-table because\n" + kIndex);
  EXPECT_EQ(findings_of(report, "lint-ignore-unknown-rule").size(), 1u) << describe(report);
  EXPECT_EQ(findings_of(report, "lint-ignore-unused").size(), 1u) << describe(report);
  EXPECT_FALSE(findings_of(report, "index-not-concurrent")[0].suppressed);
}

TEST(Approval, ApprovedMigrationReportsButDoesNotFail) {
  const auto report = lint_sql("-- strata:approved users has 40 rows; reviewed by the DBA\n" + kIndex +
                               "ALTER TABLE users DROP COLUMN name;\n");
  ASSERT_EQ(report.findings.size(), 2u) << describe(report);
  for (const auto& finding : report.findings) {
    EXPECT_TRUE(finding.approved) << finding.rule;
    EXPECT_EQ(finding.approval_reason, "users has 40 rows; reviewed by the DBA");
  }
  EXPECT_FALSE(report.failed());
  const auto text = format_text(report);
  EXPECT_NE(text.find(":2:1: approved [index-not-concurrent] "), std::string::npos) << text;
  EXPECT_NE(text.find("(users has 40 rows; reviewed by the DBA)"), std::string::npos) << text;
  EXPECT_EQ(text.find(": error ["), std::string::npos) << "an approved finding is not an error:\n" << text;
  EXPECT_NE(text.find("strata lint: 1 file, 0 errors, 2 approved,"), std::string::npos) << text;
}

TEST(Approval, ManyApprovedFindingsOfOneRuleAreCollapsed) {
  std::string sql = "-- strata:destructive\n";
  for (int i = 0; i < 7; ++i) sql += "ALTER TABLE users DROP COLUMN c" + std::to_string(i) + ";\n";
  const auto text = format_text(lint_sql(sql));
  std::size_t shown = 0;
  for (auto at = text.find("approved [drop-column]"); at != std::string::npos; at = text.find("approved [drop-column]", at + 1)) {
    ++shown;
  }
  EXPECT_EQ(shown, 4u) << "three shown, then one line for the rest:\n" << text;
  EXPECT_NE(text.find("  and 4 more approved [drop-column] in this file (lines 5, 6, 7, 8)\n"), std::string::npos) << text;
  EXPECT_NE(text.find(", 7 approved,"), std::string::npos) << text;
}

TEST(Approval, WithoutAReasonIsNotApplied) {
  const auto report = lint_sql("-- strata:approved\n" + kIndex);
  EXPECT_EQ(findings_of(report, "approved-without-reason").size(), 1u) << describe(report);
  EXPECT_FALSE(findings_of(report, "index-not-concurrent")[0].approved);
  EXPECT_TRUE(report.failed());
}

TEST(Approval, DestructiveApprovesDataLossOnly) {
  const auto report = lint_sql("-- strata:destructive\nALTER TABLE users DROP COLUMN name;\nDROP TABLE orders;\n"
                               "TRUNCATE users;\nDROP TYPE mood;\nCREATE TYPE mood AS ENUM ('sad');\n");
  EXPECT_FALSE(report.failed()) << describe(report);
  for (const auto& finding : report.findings) EXPECT_TRUE(finding.approved) << finding.rule;

  const auto mixed = lint_sql("-- strata:destructive\nALTER TABLE users DROP COLUMN name;\n" + kIndex);
  EXPECT_TRUE(findings_of(mixed, "drop-column")[0].approved);
  EXPECT_FALSE(findings_of(mixed, "index-not-concurrent")[0].approved);
  EXPECT_TRUE(mixed.failed());
}

TEST(Approval, SyntaxErrorsCannotBeApproved) {
  const auto report = lint_sql("-- strata:approved it is fine\nALTER TABLE users ADD COLUMN;\n");
  ASSERT_EQ(report.findings.size(), 1u) << describe(report);
  EXPECT_FALSE(report.findings[0].approved);
  EXPECT_TRUE(report.failed());
}

TEST(Approval, WarningsAreNotMarked) {
  const auto report = lint_sql("-- strata:approved fine\nDROP INDEX orders_user;\n");
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_FALSE(report.findings[0].approved);
}

TEST(Positions, LineAndColumnOfTheStatementOrItsPart) {
  const std::string sql =
      "-- strata:no-transaction\n"
      "SET lock_timeout = '5s';\n"
      "\n"
      "  /* users are many */ ALTER TABLE users\n"
      "    ADD COLUMN token uuid DEFAULT gen_random_uuid(),\n"
      "    ADD CONSTRAINT   email_ok CHECK (email <> '');\n"
      "CREATE INDEX users_name ON users (name);\n";
  const auto report = lint_sql(sql);
  const auto volatile_default = findings_of(report, "volatile-default");
  ASSERT_EQ(volatile_default.size(), 1u) << describe(report);
  EXPECT_EQ(volatile_default[0].file, "migration.sql");
  EXPECT_EQ(volatile_default[0].line, 5);
  EXPECT_EQ(volatile_default[0].column, 35) << "at the call of gen_random_uuid()";
  const auto check = findings_of(report, "check-not-valid");
  ASSERT_EQ(check.size(), 1u) << describe(report);
  EXPECT_EQ(check[0].line, 6);
  EXPECT_EQ(check[0].column, 9) << "at ADD CONSTRAINT's CONSTRAINT";
  const auto index = findings_of(report, "index-not-concurrent");
  ASSERT_EQ(index.size(), 1u) << describe(report);
  EXPECT_EQ(index[0].line, 7);
  EXPECT_EQ(index[0].column, 1);
}

TEST(Positions, ColumnsCountCharactersNotBytes) {
  const auto report = lint_sql("SELECT 'héllo wörld'; DROP TABLE orders;\n");
  const auto found = findings_of(report, "drop-table");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_EQ(found[0].line, 1);
  EXPECT_EQ(found[0].column, 23);
}

TEST(Positions, SyntaxErrorWhereThePostgreSQLParserStopped) {
  const auto report = lint_sql("SELECT 1;\nALTER TABLE users ADD COLUMN;\n");
  const auto found = findings_of(report, "syntax-error");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_EQ(found[0].line, 2);
  EXPECT_EQ(found[0].column, 29);
  EXPECT_NE(found[0].message.find("syntax error"), std::string::npos);
}

// A statement of a newer PostgreSQL's grammar (16 allows a subquery in FROM without an alias):
// that statement is a finding saying which grammar judged it, and the rest of the file is linted.
TEST(Positions, AStatementOfANewerGrammarLeavesTheRestOfTheFileLinted) {
  const auto report = lint_sql("UPDATE users SET name = x.n FROM (SELECT 'a' AS n);\n" + kIndex);
  const auto syntax = findings_of(report, "syntax-error");
  ASSERT_EQ(syntax.size(), 1u) << describe(report);
  EXPECT_EQ(syntax[0].line, 1);
  EXPECT_NE(syntax[0].message.find("judged by PostgreSQL 15's grammar"), std::string::npos) << syntax[0].message;
  EXPECT_NE(syntax[0].hint.find("the rest of the file is"), std::string::npos) << syntax[0].hint;
  const auto index = findings_of(report, "index-not-concurrent");
  ASSERT_EQ(index.size(), 1u) << describe(report);
  EXPECT_EQ(index[0].line, 2);
}

TEST(DoBlocks, StatementsInsideAreCheckedWhereTheyAre) {
  const std::string sql =
      "DO $$\n"
      "DECLARE present boolean;\n"
      "BEGIN\n"
      "  SELECT count(*) > 0 INTO present FROM information_schema.columns WHERE column_name = 'email';\n"
      "  IF present THEN\n"
      "    UPDATE users SET email = '' WHERE email IS NULL;\n"
      "    ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
      "  END IF;\n"
      "  EXECUTE 'DROP TABLE orders';\n"
      "END $$;\n";
  const auto report = lint_sql(sql);
  ASSERT_EQ(report.findings.size(), 1u) << describe(report) << "(EXECUTE strings are not visible)";
  EXPECT_EQ(report.findings[0].rule, "set-not-null-without-check");
  EXPECT_EQ(report.findings[0].line, 7);
  EXPECT_EQ(report.findings[0].column, 5);
}

TEST(DoBlocks, SuppressionBeforeTheBlockCovers) {
  const auto report = lint_sql(
      "-- strata:lint-ignore index-not-concurrent built on an empty staging copy\n"
      "DO $body$ BEGIN CREATE INDEX users_name ON users (name); END $body$;\n");
  ASSERT_EQ(report.findings.size(), 1u) << describe(report);
  EXPECT_TRUE(report.findings[0].suppressed);
  EXPECT_EQ(report.findings[0].column, 17);
}

TEST(DoBlocks, EffectsCount) {
  // A table created inside a DO block is new for the rest of the file.
  EXPECT_TRUE(lint_sql("DO $$ BEGIN CREATE TABLE tags (name text); END $$;\nCREATE INDEX tags_name ON tags (name);\n")
                  .findings.empty());
}

std::vector<migrations::Migration> pair_history() {
  migrations::Migration first;
  first.version = "20260101000000";
  first.slug = "create";
  first.up = {"create.sql", kHistory[0], {}};
  first.down = migrations::MigrationFile{"create.down.sql", "DROP TABLE orders;\nDROP TABLE users;\n", {}};
  return {first};
}

TEST(DownFiles, OnlyWithIncludeDown) {
  const auto history = pair_history();
  EXPECT_TRUE(lint(history).findings.empty()) << describe(lint(history));
  Options options;
  options.include_down = true;
  const auto report = lint(history, options);
  EXPECT_EQ(findings_of(report, "drop-table").size(), 2u) << describe(report);
  EXPECT_EQ(report.files, 2);
  for (const auto& finding : report.findings) EXPECT_EQ(finding.file, "create.down.sql");
}

TEST(History, DownFilesDoNotChangeIt) {
  // The down file drops users; were that applied to the history, users.email's type would be
  // unknown and widening it would be reported.
  auto history = pair_history();
  migrations::Migration second;
  second.version = "20260102000000";
  second.slug = "widen";
  second.up = {"widen.sql", "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\n", {}};
  history.push_back(second);
  Options options;
  options.include_down = true;
  const auto report = lint(history, options);
  EXPECT_EQ(findings_of(report, "drop-table").size(), 2u) << describe(report);
  EXPECT_TRUE(findings_of(report, "column-type-change").empty()) << describe(report);
}

}  // namespace
}  // namespace strata::lint
