#include <gtest/gtest.h>

#include "strata/load.h"

namespace strata::load {
namespace {

SourceFile file(std::string text) { return {"schema/test.sql", std::move(text)}; }

TEST(StatementSplitter, SplitsOnSemicolonsOutsideQuotesAndBodies) {
  const auto statements = split_statements(file(
      "CREATE TABLE a (x int);\n"
      "-- a comment; with a semicolon\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n"
      "INSERT INTO a VALUES (';');\n"));
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].sql, "CREATE TABLE a (x int)");
  EXPECT_EQ(statements[1].sql, "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$");
  EXPECT_EQ(statements[1].location.line, 3);
  EXPECT_EQ(statements[1].location.column, 1);
  EXPECT_EQ(statements[2].sql, "INSERT INTO a VALUES (';')");
  EXPECT_EQ(statements[0].node_type, "CreateStmt");
}

TEST(StatementSplitter, KeepsBeginAtomicBodiesWhole) {
  const auto statements = split_statements(file(
      "CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a + 1;\nEND;\nSELECT 1;"));
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_NE(statements[0].sql.find("END"), std::string::npos);
  EXPECT_EQ(statements[1].location.line, 5);
}

TEST(StatementSplitter, FallsBackToScannerOnSyntaxErrors) {
  const auto statements = split_statements(file("CREATE TABLE a (x int);\nCREATE TABEL b (y int);\nSELECT 1;"));
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[1].sql, "CREATE TABEL b (y int)");
  EXPECT_EQ(statements[1].location.line, 2);
  EXPECT_TRUE(statements[1].node_type.empty());
}

TEST(StatementSplitter, ColumnsCountCharactersNotBytes) {
  const auto statements = split_statements(file("SELECT 'é';  SELECT 2;"));
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1].location.column, 14);
}

TEST(StatementSplitter, CollectsRolesNamedByStatements) {
  const auto statements = split_statements(file(
      "ALTER TABLE public.a OWNER TO postgres;\nGRANT SELECT ON a TO reader, CURRENT_USER;\nCREATE TABLE b (x int);"));
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].roles, std::vector<std::string>{"postgres"});
  EXPECT_EQ(statements[1].roles, std::vector<std::string>{"reader"});
  EXPECT_TRUE(statements[2].roles.empty());
}

TEST(StatementSplitter, IgnoresPgDumpRestrictLinesAndRefusesOtherMetaCommands) {
  const auto statements = split_statements(file("\\restrict abc123\nCREATE TABLE a (x int);\n\\unrestrict abc123\n"));
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].location.line, 2);

  try {
    split_statements(file("CREATE TABLE a (x int);\n\\connect other\n"));
    FAIL() << "expected a SchemaError";
  } catch (const SchemaError& error) {
    EXPECT_EQ(error.location().line, 2);
    EXPECT_NE(std::string(error.what()).find("\\connect"), std::string::npos);
  }
}

TEST(StatementSplitter, EmptyAndCommentOnlyFilesHaveNoStatements) {
  EXPECT_TRUE(split_statements(file("")).empty());
  EXPECT_TRUE(split_statements(file("-- nothing here\n/* or here */\n")).empty());
}

TEST(SourceLocation, PrintsFileLineColumn) {
  EXPECT_EQ(locate("a.sql", "x\nyz", 3).to_string(), "a.sql:2:2");
}

}  // namespace
}  // namespace strata::load
