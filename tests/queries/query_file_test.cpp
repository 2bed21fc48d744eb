// Query files: annotations, hints, named and optional parameters, and what is refused where.
#include <gtest/gtest.h>

#include "strata/queries.h"

namespace strata::queries {
namespace {

QueryFile parse(const std::string& text) { return parse_query_file({"queries/books.sql", text}); }

// The error parse() throws, as "file:line:col: message".
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const sql::SqlError& error) {
    return error.what();
  }
  return "no error";
}

TEST(QueryFile, AnnotationsNameQueriesAndKinds) {
  const auto file = parse(
      "-- Books.\n\n"
      "-- name: BooksByAuthor :many\n"
      "SELECT id, title FROM books WHERE author_id = $1;\n\n"
      "-- name: CountBooks :one\n-- strata:not-null total\nSELECT count(*) AS total FROM books;\n"
      "-- name: DeleteBook :exec\nDELETE FROM books WHERE id = $1;\n"
      "-- name: RetitleBooks :execrows\nUPDATE books SET title = $2 WHERE author_id = $1;\n");
  ASSERT_EQ(file.queries.size(), 4u);
  EXPECT_EQ(file.stem, "books");
  EXPECT_EQ(file.queries[0].name, "BooksByAuthor");
  EXPECT_EQ(file.queries[0].kind, ResultKind::many);
  EXPECT_EQ(file.queries[0].location.line, 4);
  EXPECT_EQ(file.queries[0].sql, "SELECT id, title FROM books WHERE author_id = $1");
  ASSERT_EQ(file.queries[0].parameters.size(), 1u);
  EXPECT_EQ(file.queries[0].parameters[0].name, "p1");
  EXPECT_EQ(file.queries[1].kind, ResultKind::one);
  EXPECT_EQ(file.queries[1].not_null_hints, std::vector<std::string>{"total"});
  EXPECT_EQ(file.queries[2].kind, ResultKind::exec);
  EXPECT_EQ(file.queries[3].kind, ResultKind::execrows);
  EXPECT_EQ(file.queries[3].parameters.size(), 2u);
}

TEST(QueryFile, NamedParametersAreNumberedInOrderOfFirstUse) {
  const auto file = parse(
      "-- name: Search :many\n"
      "SELECT id FROM books WHERE author_id = @author_id AND (title = @title OR subtitle = @title)\n"
      "  AND tags @> ARRAY['x'] AND note <> '@not_a_parameter' AND \"@quoted\" = 1 -- @comment\n"
      "  AND body @@ to_tsquery(@query) AND x<@y;\n");
  const auto& query = file.queries[0];
  ASSERT_EQ(query.parameters.size(), 3u);
  EXPECT_EQ(query.parameters[0].name, "author_id");
  EXPECT_EQ(query.parameters[1].name, "title");
  EXPECT_EQ(query.parameters[2].name, "query");
  EXPECT_EQ(query.sql,
            "SELECT id FROM books WHERE author_id = $1 AND (title = $2 OR subtitle = $2)\n"
            "  AND tags @> ARRAY['x'] AND note <> '@not_a_parameter' AND \"@quoted\" = 1 -- @comment\n"
            "  AND body @@ to_tsquery($3) AND x<@y");
}

TEST(QueryFile, OptionalParametersGuardTheirPredicate) {
  const auto query = parse(
                         "-- name: Filter :many\n"
                         "SELECT id FROM books\n"
                         "WHERE author_id = @author_id AND genre = @genre?\n"
                         "  AND published BETWEEN @from? AND @to? AND (price < @max_price? OR free)\n"
                         "ORDER BY id LIMIT @limit;\n")
                         .queries[0];
  ASSERT_EQ(query.parameters.size(), 6u);
  EXPECT_FALSE(query.parameters[0].optional);
  EXPECT_TRUE(query.parameters[1].optional);
  EXPECT_EQ(query.sql,
            "SELECT id FROM books\n"
            "WHERE author_id = $1 AND (genre = $2 OR $2 IS NULL)\n"
            "  AND (published BETWEEN $3 AND $4 OR $3 IS NULL OR $4 IS NULL) AND ((price < $5 OR $5 IS NULL) OR free)\n"
            "ORDER BY id LIMIT $6");
}

TEST(QueryFile, AnOptionalParameterOutsideAConditionIsOnlyNullable) {
  const auto query = parse("-- name: AddNote :exec\nINSERT INTO notes (book_id, body) VALUES (@book_id, @body?);\n").queries[0];
  EXPECT_TRUE(query.parameters[1].optional);
  EXPECT_EQ(query.sql, "INSERT INTO notes (book_id, body) VALUES ($1, $2)");
}

TEST(QueryFile, MistakesAreRefusedAtTheirLineAndColumn) {
  EXPECT_EQ(error_of("SELECT 1;\n"), "queries/books.sql:1:1: a query without a name");
  EXPECT_EQ(error_of("-- name: A :some\nSELECT 1;\n"), "queries/books.sql:1:1: query A: unknown kind ':some'");
  EXPECT_EQ(error_of("-- name: A :one\nSELECT 1;\n-- name: A :one\n  SELECT 2;\n"),
            "queries/books.sql:4:3: a second query named A");
  EXPECT_EQ(error_of("-- name: A :one\nSELECT $1, @b;\n"), "queries/books.sql:2:1: query A mixes $n and @name parameters");
  EXPECT_EQ(error_of("-- name: A :exec\n-- strata:not-null x\nDELETE FROM t;\n"),
            "queries/books.sql:3:1: query A returns no rows: its strata:not-null hint has nothing to apply to");
  EXPECT_EQ(error_of("-- Nothing here.\n"), "queries/books.sql:1:1: no query in this file");
}

TEST(QueryFile, ResultConversionsWrapTheQueryAndMergeItsWithList) {
  Query query;
  query.sql = "SELECT id, created FROM t";
  EXPECT_EQ(select_through(query, {"\x01", "\x01"}, '\x01'), query.sql);
  EXPECT_EQ(select_through(query, {"\x01", "f(\x01)"}, '\x01'),
            "WITH strata_q(strata_c1, strata_c2) AS (SELECT id, created FROM t) SELECT strata_q.strata_c1, "
            "f(strata_q.strata_c2) FROM strata_q");
  query.sql = "WITH gone AS (DELETE FROM t RETURNING id, created) SELECT id, created FROM gone";
  EXPECT_EQ(select_through(query, {"\x01", "f(\x01)"}, '\x01'),
            "WITH gone AS (DELETE FROM t RETURNING id, created), strata_q(strata_c1, strata_c2) AS (SELECT id, created "
            "FROM gone) SELECT strata_q.strata_c1, f(strata_q.strata_c2) FROM strata_q");
}

TEST(QueryFile, FileNamesBecomeCIdentifiersAsCMakeMakesThem) {
  EXPECT_EQ(make_c_identifier("books"), "books");
  EXPECT_EQ(make_c_identifier("2024-reports.v2"), "_2024_reports_v2");
}

}  // namespace
}  // namespace strata::queries
