// The runner's thin layer over libpq: RAII handles, connecting with redacted errors, and
// internal statements. libpq is used directly (not libpqxx) so that a failed migration
// statement keeps every error field (SQLSTATE, position, detail) for sql::error_from_result.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

namespace strata::runner::pg {

struct ConnectionCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Connection = std::unique_ptr<PGconn, ConnectionCloser>;
using Result = std::unique_ptr<PGresult, ResultClearer>;

// Opens a connection from a postgresql:// URL or a keyword/value string. NOTICEs are dropped
// (migrations full of IF NOT EXISTS would otherwise spam stderr). Throws RunnerError naming
// the target with its password redacted; libpq's own message is scrubbed of the password too
// (a malformed URL is quoted back by libpq).
Connection connect(const std::string& connection, const char* application_name = "strata migrate");

// The target for messages: the connection string with its password replaced by ****.
std::string describe_target(const std::string& connection);

// Removes the password (and sslpassword) of `connection` from a libpq message.
std::string scrub_secrets(const std::string& message, const std::string& connection);

bool succeeded(const PGresult* result);
std::string error_field(const PGresult* result, int code);
std::string sqlstate(const PGresult* result);
// "message (SQLSTATE xxxxx)" for an internal statement's failure.
std::string describe_error(PGconn* conn, const PGresult* result);
bool connection_lost(PGconn* conn);

// Runs internal SQL (one or more statements); throws RunnerError with `what` and the server's
// message on failure. Returns the last result.
Result exec(PGconn* conn, const std::string& sql, const std::string& what);

// Best effort ROLLBACK after a failure; never throws (the connection may be gone).
void rollback_quietly(PGconn* conn);

// A SQL string literal ('...' with quotes doubled). standard_conforming_strings is on in every
// supported PostgreSQL, and the runner refuses to run when a server says otherwise.
std::string literal(const std::string& value);

// The value of row `row`, column `column` ("" for NULL).
std::string value(const PGresult* result, int row, int column);
bool is_null(const PGresult* result, int row, int column);

}  // namespace strata::runner::pg
