// Typed queries (docs/queries.md): SQL files of annotated queries, described by PostgreSQL
// itself on the database the migrations build, for `strata codegen` to generate typed C++ from.
//
//   queries/*.sql ──read──▶ Query (name, kind, parameters, text sent) ──describe (PREPARE on the
//   migrated database)──▶ parameter and result types, result nullability ──codegen──▶ C++
//
// A query file holds queries in sqlc's format, each introduced by its annotation:
//
//   -- name: BooksByAuthor :many
//   -- strata:not-null title            (optional: result columns the author knows are never NULL)
//   SELECT b.id, b.title FROM books b WHERE b.author_id = @author_id AND b.genre = @genre?;
//
// Parameters are $1..$n or named (@author_id; not both in one query). A named parameter written
// @name? is optional: std::optional in C++, and when it stands in a condition (WHERE, ON, HAVING)
// its predicate becomes (predicate OR $n IS NULL), true when it is not given.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "strata/model.h"
#include "strata/sql_source.h"

namespace strata::queries {

enum class ResultKind {
  one,       // :one      the first row, if any
  many,      // :many     every row (and a streaming range)
  exec,      // :exec     nothing
  execrows,  // :execrows the number of rows affected
};
const char* to_string(ResultKind kind);

struct Parameter {
  std::string name;      // as written after @ (for $n: "p<n>")
  bool optional = false; // @name?
  std::string sql_type;  // as format_type prints it (describe)
};

struct Column {
  std::string name;      // as PostgreSQL names the result column
  std::string sql_type;  // as format_type prints it, with the column's type modifier
  bool not_null = false; // provably never NULL, or declared so by a strata:not-null hint
  bool hinted = false;   // not_null only because of a hint
};

struct Query {
  std::string name;              // BooksByAuthor
  ResultKind kind = ResultKind::many;
  SourceLocation location;       // of the statement's first token
  sql::Statement statement;      // as written in its file (errors point into it)
  std::string sql;               // as sent: $n placeholders, optional filters rewritten
  std::vector<Parameter> parameters;       // $1, $2, ... in order
  std::vector<std::string> not_null_hints; // result columns named by strata:not-null
  std::vector<Column> columns;             // result columns (describe); none for :exec/:execrows
  // For errors: where the characters of `sql` come from in `statement.sql` (pairs of offsets in
  // `sql` and in `statement.sql`, increasing; a character maps through the last pair before it).
  std::vector<std::pair<std::size_t, std::size_t>> origins;
};

struct QueryFile {
  sql::SourceFile source;
  std::string stem;  // the file name without .sql, as a C identifier (CMake's MAKE_C_IDENTIFIER)
  std::vector<Query> queries;
};

// Reads one query file: its queries with their annotations and parameters. Throws sql::SqlError
// at the file:line:col of what is wrong (a query without annotation, an unknown kind, two queries
// of one name, $n mixed with @name, a hint on a query that returns nothing).
QueryFile parse_query_file(const sql::SourceFile& file);
// Every *.sql file of `directory` in name order (none when it does not exist is an error: a
// QUERIES directory that is not there is a mistake).
std::vector<QueryFile> read_query_files(const std::filesystem::path& directory);

// The query's text with its result columns selected through SQL expressions: `templates[i]`
// is the expression for column i, with `placeholder` where the column goes (a template that is
// only the placeholder leaves the column as it is; when every one does, the text is query.sql).
// The query becomes a CTE (merged into its own WITH list when it has one, as a data-modifying
// statement must stay at the top level) and the outer SELECT converts its columns, in order.
std::string select_through(const Query& query, const std::vector<std::string>& templates, char placeholder);

// CMake's string(MAKE_C_IDENTIFIER): every character outside [A-Za-z0-9_] becomes '_', and a
// leading digit gets a '_' before it.
std::string make_c_identifier(const std::string& text);

// Fills the parameter and result types and the nullability of every query of `file`, preparing
// each on the database at `connection` (one the migrations built). A query PostgreSQL refuses
// is a sql::SqlError at its file:line:col with PostgreSQL's message and SQLSTATE; a hint naming
// no result column is an error too.
void describe(const std::string& connection, std::vector<QueryFile>& files);

// View columns get the same inference: one flag per column of a view with this definition
// (pg_get_viewdef), true when the column is provably never NULL given the catalog's NOT NULL
// table columns. All false when the definition cannot be analysed.
std::vector<bool> view_columns_not_null(const std::string& definition, std::size_t columns, const model::Catalog& catalog);

}  // namespace strata::queries
