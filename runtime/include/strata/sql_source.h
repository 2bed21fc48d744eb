// SQL files as PostgreSQL sees them: statements split by PostgreSQL's own parser (libpg_query),
// with the file:line:col of each, and errors that point at the place PostgreSQL pointed at.
// Shared by the schema loader (generator) and the migration runner (runtime).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "strata/error.h"

struct pg_result;  // libpq's PGresult

namespace strata::sql {

using strata::SourceLocation;

struct Statement {
  std::string sql;          // the statement text, without the trailing ';'
  SourceLocation location;  // where its first token is
  std::size_t offset = 0;   // byte offset of `sql` in its file
  std::string node_type;    // parse tree node, e.g. "CreateStmt" ("" when the parser refused the file)
  std::vector<std::string> roles;  // roles the statement names (see referenced_roles)
  std::string transaction_kind;    // for a TransactionStmt: "TRANS_STMT_BEGIN", "TRANS_STMT_COMMIT", ...
  std::string created_role;        // for a CreateRoleStmt: the role it creates
};

struct SourceFile {
  std::filesystem::path path;
  std::string text;
};

// Splits a file into statements with PostgreSQL's own parser (libpg_query). A file the parser
// rejects is split with the scanner instead, so PostgreSQL reports the syntax error itself
// with its exact position. psql's \restrict / \unrestrict lines (pg_dump >= 15.14) are ignored;
// any other psql meta-command is a SqlError at its line.
std::vector<Statement> split_statements(const SourceFile& file);

// The *.sql files of a directory in name order (seed data and the like); none when the directory
// does not exist.
std::vector<SourceFile> read_sql_files(const std::filesystem::path& directory);

// Maps a byte offset in `text` to line and character column.
SourceLocation locate(const std::filesystem::path& file, const std::string& text, std::size_t offset);

// The same for increasing offsets, scanning the text once instead of once per lookup (a file
// of thousands of statements would otherwise cost quadratic time).
class IncrementalLocator {
 public:
  IncrementalLocator(const std::filesystem::path& file, const std::string& text) : text_(text), here_{file, 1, 1} {}
  SourceLocation at(std::size_t offset);  // offsets must not decrease between calls

 private:
  const std::string& text_;
  std::size_t offset_ = 0;
  SourceLocation here_;
};

// A statement that must not share a query string with others (pg::send_batch): it refuses to run
// in a transaction block (CREATE DATABASE, VACUUM, ... CONCURRENTLY), controls transactions
// itself, makes something later statements may only use once committed (ALTER TYPE ... ADD
// VALUE), or has an outcome handled on its own (COPY, CREATE ROLE, a statement the parser
// refused).
bool runs_alone(const Statement& statement);

// A statement PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM,
// CREATE DATABASE, ...): a migration holding one must run with `-- strata:no-transaction`.
bool refuses_transaction_block(const Statement& statement);

// One token of PostgreSQL's scanner: byte offsets [start, end) in the scanned text and its kind
// (libpg_query's Token enum, pg_query.proto).
struct Token {
  static constexpr int kIdentifier = 258;   // IDENT: a name, unquoted or "quoted"
  static constexpr int kSqlComment = 275;   // -- ...
  static constexpr int kCComment = 276;     // /* ... */
  std::size_t start = 0;
  std::size_t end = 0;
  int kind = 0;
  bool comment() const { return kind == kSqlComment || kind == kCComment; }
};
// The tokens of `text` (empty when the scanner refuses it: an unterminated quote).
std::vector<Token> scan(const std::string& text);

// Roles a statement names (ALTER ... OWNER TO r, GRANT ... TO r, CREATE POLICY ... TO r, ...),
// so the loader can create them on the scratch cluster first: pg_dump output names its owner.
std::vector<std::string> referenced_roles(const std::string& sql);

// A statement PostgreSQL refused, or a file that cannot be read: where (always set), what, the
// SQLSTATE and statement, and PostgreSQL's detail, hint and context as detail lines
// ("detail: ...", "hint: ...", "context: ...").
class SqlError : public Error {
 public:
  SqlError(SourceLocation location, const std::string& message, std::string sqlstate = {},
           std::string statement = {}, std::vector<std::string> details = {}, std::string hint = {});
  // The error as another one at the same place (a runner adds what it knows to a failed statement).
  SqlError with(std::vector<std::string> more_details, std::string hint) const;
};

// The error PostgreSQL reported for `statement` of `file` (a failed PGresult): SQLSTATE, message,
// detail/hint/context, at the file:line:col of PostgreSQL's error position when it gave one.
// `characters_before`: the statement was sent after that many characters of other statements
// (pg::Batch), which PostgreSQL's position counts.
SqlError error_from_result(const SourceFile& file, const Statement& statement, const pg_result* result,
                           long characters_before = 0);
// The same for a statement sent rewritten as `sent`: `origin` maps a byte offset in `sent` to the
// byte offset in `statement.sql` it comes from.
SqlError error_from_result(const SourceFile& file, const Statement& statement, const pg_result* result,
                           const std::string& sent, const std::function<std::size_t(std::size_t)>& origin,
                           long characters_before = 0);

}  // namespace strata::sql
