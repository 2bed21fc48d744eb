// Queries described by PostgreSQL: types as the server says, nullability proven from the parse
// tree and the catalog, and refusals at the query's file:line:col with the SQLSTATE.
#include <gtest/gtest.h>

#include "strata/queries.h"
#include "test_cluster.h"

namespace strata::queries {
namespace {

const char* const kSchema = R"sql(
CREATE TYPE genre AS ENUM ('novel', 'poetry');
CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL, country text);
CREATE TABLE books (
  id bigint PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES authors,
  title varchar(200) NOT NULL,
  subtitle text,
  genre genre NOT NULL,
  price numeric(8, 2),
  published timestamptz NOT NULL DEFAULT now());
)sql";

class Describe : public ::testing::Test {
 protected:
  void SetUp() override { testing::exec(database_.connection_string(), kSchema); }

  // The described query `sql` (one, named Q, of kind `kind`).
  Query described(const std::string& sql, const std::string& kind = ":many", const std::string& hints = "") {
    std::vector<QueryFile> files{parse_query_file({"queries/q.sql", "-- name: Q " + kind + "\n" + hints + sql + ";\n"})};
    describe(database_.connection_string(), files);
    return files[0].queries[0];
  }
  // Per result column: "name type" and " NOT NULL" when provably so.
  std::vector<std::string> columns(const std::string& sql, const std::string& hints = "") {
    std::vector<std::string> out;
    for (const auto& column : described(sql, ":many", hints).columns) {
      out.push_back(column.name + " " + column.sql_type + (column.not_null ? " NOT NULL" : "") + (column.hinted ? " (hint)" : ""));
    }
    return out;
  }

  // What describing queries/books.sql holding `text` throws.
  sql::SqlError refusal(const std::string& text) {
    std::vector<QueryFile> files{parse_query_file({"queries/books.sql", text})};
    try {
      describe(database_.connection_string(), files);
    } catch (const sql::SqlError& error) {
      return error;
    }
    ADD_FAILURE() << "describe accepted:\n" << text;
    return sql::SqlError({}, "no error");
  }

  testing::ScratchDb database_{"queries"};
};

using Columns = std::vector<std::string>;

TEST_F(Describe, TypesComeFromTheServer) {
  const auto query = described("SELECT b.id, b.title, b.genre, b.price, b.published FROM books b WHERE b.author_id = @author AND b.genre = @genre");
  EXPECT_EQ(query.parameters[0].sql_type, "bigint");
  EXPECT_EQ(query.parameters[1].sql_type, "public.genre");  // spelled as the catalog model spells types
  ASSERT_EQ(query.columns.size(), 5u);
  EXPECT_EQ(query.columns[1].sql_type, "character varying(200)");
  EXPECT_EQ(query.columns[3].sql_type, "numeric(8,2)");
  EXPECT_EQ(query.columns[4].sql_type, "timestamp with time zone");
}

TEST_F(Describe, InnerJoinsKeepNotNullAndOuterJoinsLoseIt) {
  EXPECT_EQ(columns("SELECT b.title, a.name, b.subtitle FROM books b JOIN authors a ON a.id = b.author_id"),
            (Columns{"title character varying(200) NOT NULL", "name text NOT NULL", "subtitle text"}));
  EXPECT_EQ(columns("SELECT a.name, b.title FROM authors a LEFT JOIN books b ON b.author_id = a.id"),
            (Columns{"name text NOT NULL", "title character varying(200)"}));
  EXPECT_EQ(columns("SELECT a.name, b.title FROM authors a RIGHT JOIN books b ON b.author_id = a.id"),
            (Columns{"name text", "title character varying(200) NOT NULL"}));
  EXPECT_EQ(columns("SELECT a.name, b.title FROM authors a FULL JOIN books b ON b.author_id = a.id"),
            (Columns{"name text", "title character varying(200)"}));
  // Unqualified and star columns are resolved by PostgreSQL itself.
  EXPECT_EQ(columns("SELECT name, title FROM authors JOIN books ON author_id = authors.id"),
            (Columns{"name text NOT NULL", "title character varying(200) NOT NULL"}));
  EXPECT_EQ(columns("SELECT * FROM authors a LEFT JOIN books b ON b.author_id = a.id WHERE a.id = 1").size(), 10u);
  EXPECT_EQ(columns("SELECT a.*, b.id FROM authors a LEFT JOIN books b ON b.author_id = a.id"),
            (Columns{"id bigint NOT NULL", "name text NOT NULL", "country text", "id bigint"}));
  // Through a subquery on the nullable side.
  EXPECT_EQ(columns("SELECT a.name, s.title FROM authors a LEFT JOIN (SELECT author_id, title FROM books) s ON s.author_id = a.id"),
            (Columns{"name text NOT NULL", "title character varying(200)"}));
}

TEST_F(Describe, ExpressionsAreNotNullOnlyWhenProvablySo) {
  EXPECT_EQ(columns("SELECT count(*) AS n, count(b.subtitle) AS m, max(b.id) AS top, sum(b.price) AS total FROM books b"),
            (Columns{"n bigint NOT NULL", "m bigint NOT NULL", "top bigint", "total numeric"}));
  EXPECT_EQ(columns("SELECT coalesce(b.subtitle, b.title) AS label, coalesce(b.subtitle, 'none') AS s2, "
                    "coalesce(b.subtitle, b.subtitle) AS s3, 1 AS one, NULL::text AS nothing, b.id::text AS id_text, "
                    "b.subtitle IS NULL AS untitled, now() AS at, upper(b.title) AS loud FROM books b"),
            (Columns{"label text NOT NULL", "s2 text NOT NULL", "s3 text", "one integer NOT NULL", "nothing text",
                     "id_text text NOT NULL", "untitled boolean NOT NULL", "at timestamp with time zone", "loud text"}));
  EXPECT_EQ(columns("SELECT CASE WHEN b.price > 10 THEN 'dear' ELSE 'cheap' END AS band, "
                    "CASE WHEN b.price > 10 THEN 'dear' END AS maybe FROM books b"),
            (Columns{"band text NOT NULL", "maybe text"}));
}

TEST_F(Describe, SetOperationsAndGroupingSetsMayAddNulls) {
  EXPECT_EQ(columns("SELECT id FROM authors UNION ALL SELECT NULL"), (Columns{"id bigint"}));
  EXPECT_EQ(columns("SELECT b.genre, count(*) AS n FROM books b GROUP BY ROLLUP (b.genre)"),
            (Columns{"genre public.genre", "n bigint NOT NULL"}));
}

TEST_F(Describe, ReturningListsAreDescribed) {
  EXPECT_EQ(columns("INSERT INTO authors (id, name) VALUES (@id, @name) RETURNING id, name, country"),
            (Columns{"id bigint NOT NULL", "name text NOT NULL", "country text"}));
  EXPECT_EQ(columns("UPDATE books b SET price = @price FROM authors a WHERE a.id = b.author_id RETURNING b.title, a.name"),
            (Columns{"title character varying(200) NOT NULL", "name text NOT NULL"}));
}

TEST_F(Describe, ShapesOfRealQueries) {
  // Array parameters, casts on parameters, window counts, EXISTS, LATERAL, ON CONFLICT.
  const auto query = described("SELECT b.id, count(*) OVER () AS total, row_number() OVER (ORDER BY b.id) AS n FROM books b "
                               "WHERE b.id = ANY(@ids) AND b.published > @since::timestamptz");
  EXPECT_EQ(query.parameters[0].sql_type, "bigint[]");
  EXPECT_EQ(query.parameters[1].sql_type, "timestamp with time zone");
  EXPECT_TRUE(query.columns[0].not_null);
  EXPECT_TRUE(query.columns[1].not_null);
  EXPECT_FALSE(query.columns[2].not_null);
  EXPECT_EQ(columns("SELECT a.name, EXISTS (SELECT 1 FROM books b WHERE b.author_id = a.id) AS has_books, l.title "
                    "FROM authors a LEFT JOIN LATERAL (SELECT b.title FROM books b WHERE b.author_id = a.id LIMIT 1) l ON true"),
            (Columns{"name text NOT NULL", "has_books boolean NOT NULL", "title character varying(200)"}));
  EXPECT_EQ(columns("INSERT INTO authors AS a (id, name) VALUES (@id, @name) ON CONFLICT (id) DO UPDATE SET name = "
                    "excluded.name RETURNING a.id, a.name, (xmax = 0) AS inserted"),
            (Columns{"id bigint NOT NULL", "name text NOT NULL", "inserted boolean"}));
  EXPECT_EQ(columns("WITH recent AS (SELECT author_id, max(published) AS last FROM books GROUP BY author_id) "
                    "SELECT a.name, r.last FROM authors a JOIN recent r ON r.author_id = a.id"),
            (Columns{"name text NOT NULL", "last timestamp with time zone"}));
}

TEST_F(Describe, HintsDeclareColumnsNotNull) {
  EXPECT_EQ(columns("SELECT b.id + 1 AS next, upper(b.title) AS loud FROM books b", "-- strata:not-null loud\n"),
            (Columns{"next bigint", "loud text NOT NULL (hint)"}));
  try {
    described("SELECT 1 AS one", ":one", "-- strata:not-null two\n");
    FAIL() << "a hint naming no column was accepted";
  } catch (const sql::SqlError& error) {
    EXPECT_STREQ(error.what(), "queries/q.sql:3:1: query Q: strata:not-null names two, which is not one of its result columns");
  }
}

TEST_F(Describe, AQueryThatNoLongerFitsTheSchemaFailsAtItsPlaceWithTheSqlstate) {
  const auto error = refusal(
      "-- name: Fine :one\nSELECT 1;\n\n-- name: Broken :many\nSELECT b.id,\n       b.isbn\nFROM books b\nWHERE b.author_id = @author;\n");
  EXPECT_STREQ(error.what(), "queries/books.sql:6:8: column b.isbn does not exist (SQLSTATE 42703)");
  EXPECT_EQ(error.sqlstate(), "42703");
}

TEST_F(Describe, ErrorsAfterARewrittenParameterPointAtTheTextAsWritten) {
  const auto error = refusal("-- name: Broken :many\nSELECT id FROM books WHERE genre = @genre? AND nope = 1;\n");
  EXPECT_EQ(error.info().location->to_string(), "queries/books.sql:2:48");
}

TEST_F(Describe, RowKindsNeedAResult) {
  try {
    described("DELETE FROM books", ":many");
    FAIL() << "a :many without columns was accepted";
  } catch (const sql::SqlError& error) {
    EXPECT_STREQ(error.what(), "queries/q.sql:2:1: query Q is :many but returns no columns");
  }
}

}  // namespace
}  // namespace strata::queries
