// strata's one layer over libpq, for its own tools: the runner, the schema loader, seed files,
// test databases and rehearsals. RAII handles, connections whose errors never show a password,
// every error field at hand (SQLSTATE, position, detail: what sql::error_from_result needs, and
// why libpq is used here rather than libpqxx), and a way for another thread to hang up while a
// statement runs. Errors are strata::Error with the SQLSTATE in its field.
//
// Not an API for applications (they use libpqxx and the generated accessors).
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "strata/error.h"

namespace strata::pg {

struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultClearer>;
using Rows = std::vector<std::vector<std::string>>;  // text values, NULL as ""

// SQLSTATEs strata reacts to.
constexpr const char* kUndefinedDatabase = "3D000";
constexpr const char* kDuplicateDatabase = "42P04";
constexpr const char* kDuplicateObject = "42710";
constexpr const char* kObjectInUse = "55006";
constexpr const char* kLockNotAvailable = "55P03";
constexpr const char* kDeadlockDetected = "40P01";
constexpr const char* kActiveSqlTransaction = "25001";
constexpr const char* kOutOfSharedMemory = "53200";  // e.g. more locks than a transaction may hold

// One session. NOTICEs are dropped (migrations full of IF NOT EXISTS would otherwise spam
// stderr).
class Session {
 public:
  // Connects to a postgresql:// URL or a keyword/value string (`dbname` may be either, and its
  // own settings win); `application_name` is a fallback, so strata is recognisable in
  // pg_stat_activity unless the string names one. Throws strata::Error "cannot connect to
  // <target without password>: <libpq's message, password scrubbed>".
  explicit Session(const std::string& connection, const char* application_name = "strata");
  ~Session();
  Session(Session&& other) noexcept;
  Session& operator=(Session&& other) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  PGconn* get() const { return conn_; }
  // The target for messages: the connection with its password replaced by ****.
  const std::string& target() const { return target_; }

  // Sends SQL (one or more statements) and returns the last result, failed or not.
  Result send(const std::string& sql) const;
  // Internal SQL that must work: throws strata::Error "<what>: <server message>" with the
  // SQLSTATE (and the statement when `what` is empty). Returns the last result.
  Result exec(const std::string& sql, const std::string& what = {}) const;
  Rows query(const std::string& sql, const std::string& what = {}) const;
  std::string value(const std::string& sql, const std::string& what = {}) const;  // first column, first row ("" if none)

  bool lost() const;
  // Best effort ROLLBACK after a failure; never throws (the connection may be gone).
  void rollback_quietly() const;
  // Shuts the socket down (from any thread): a statement running in another thread returns with
  // an error at once, while the server finishes it.
  void abandon() const;

 private:
  PGconn* conn_ = nullptr;
  int socket_ = -1;
  std::string target_;
};

// The connection string with its password replaced by ****.
std::string describe_target(const std::string& connection);

// The same operations on a bare connection (code that holds a PGconn* of a Session).
Result send(PGconn* conn, const std::string& sql);
Result exec(PGconn* conn, const std::string& sql, const std::string& what = {});
bool connection_lost(PGconn* conn);
void rollback_quietly(PGconn* conn);

// Several statements in one round trip: one query string, which PostgreSQL's simple protocol
// runs statement by statement, one result each, stopping at the first failure. Outside an
// explicit transaction the string is one implicit transaction (a failure undoes all of it).
// The failing statement is known without running anything again: the one whose text holds the
// error position when PostgreSQL gave one (a syntax error stops the whole string before any of
// it runs; positions count characters of the whole string), else the one after the last
// result. Statements must not use COPY FROM STDIN / TO STDOUT.
struct Batch {
  std::size_t ran = 0;              // statements that completed (all of them when `failed` is null)
  Result failed;                    // the error, of statement `failed_statement`
  std::size_t failed_statement = 0;
  long characters_before = 0;       // characters of the string before that statement: positions are shifted by it
  std::vector<Result> results;      // those that completed, in order
};
Batch send_batch(PGconn* conn, const std::vector<std::string>& statements);

// How many statements, and bytes of them, strata puts in one query string.
constexpr std::size_t kBatchStatements = 64;
constexpr std::size_t kBatchBytes = 1 << 20;

// Queries that must work (reads), kBatchStatements to a round trip: every result, in order.
// Throws strata::Error "<what>: <server message>" with the SQLSTATE and the failing statement.
std::vector<Result> query_all(PGconn* conn, const std::vector<std::string>& queries, const std::string& what);

bool succeeded(const PGresult* result);
std::string error_field(const PGresult* result, int code);
std::string sqlstate(const PGresult* result);
// "message (SQLSTATE xxxxx)" on one line, for an internal statement's failure.
std::string describe_error(PGconn* conn, const PGresult* result);
// libpq's multi-line messages ("...failed: ...\n\tIs the server running...") as one line.
std::string one_line(std::string message);

// A SQL string literal ('...' with quotes doubled; standard_conforming_strings is on in every
// supported PostgreSQL, and the runner refuses a server where it is off) and a quoted identifier.
std::string literal(const std::string& value);
std::string identifier(const std::string& name);

// The value of row `row`, column `column` ("" for NULL).
std::string value(const PGresult* result, int row, int column);
bool is_null(const PGresult* result, int row, int column);

}  // namespace strata::pg
