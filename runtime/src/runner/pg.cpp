#include "pg.h"


#include "strata/connection.h"
#include "strata/runner.h"

namespace strata::runner::pg {
namespace {

// libpq's multi-line messages ("...failed: ...\n\tIs the server running...") as one line.
std::string one_line(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ' || message.back() == '\t')) {
    message.pop_back();
  }
  for (std::size_t newline; (newline = message.find('\n')) != std::string::npos;) {
    const std::size_t next = message.find_first_not_of(" \t", newline + 1);
    message.replace(newline, (next == std::string::npos ? message.size() : next) - newline, "; ");
  }
  return message;
}

}  // namespace

std::string describe_target(const std::string& connection) { return runtime::redact_password(connection); }

std::string scrub_secrets(const std::string& message, const std::string& connection) {
  return runtime::mask_secrets(message, runtime::connection_secrets(connection));
}

Connection connect(const std::string& connection, const char* application_name) {
  if (connection.empty()) throw RunnerError("no database connection given (a postgresql:// URL or key=value string)");
  // expand_dbname: `dbname` may be a URL or a keyword/value string, whose own settings win;
  // fallback_application_name makes the runner recognisable in pg_stat_activity (and in the
  // "waiting for <holder>" messages of other runners) unless the string names one itself.
  const char* keywords[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {connection.c_str(), application_name, nullptr};
  Connection conn(PQconnectdbParams(keywords, values, 1));
  if (!conn) throw RunnerError("cannot connect to " + describe_target(connection) + ": out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    const std::string message = one_line(PQerrorMessage(conn.get()));
    throw RunnerError("cannot connect to " + describe_target(connection) + ": " + scrub_secrets(message, connection));
  }
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
  const char* conforming = PQparameterStatus(conn.get(), "standard_conforming_strings");
  if (conforming == nullptr || std::string(conforming) != "on") {
    throw RunnerError(describe_target(connection) + ": standard_conforming_strings is off; the runner needs it on");
  }
  return conn;
}

bool succeeded(const PGresult* result) {
  const auto status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

std::string error_field(const PGresult* result, int code) {
  const char* value = result ? PQresultErrorField(result, code) : nullptr;
  return value ? value : "";
}

std::string sqlstate(const PGresult* result) { return error_field(result, PG_DIAG_SQLSTATE); }

std::string describe_error(PGconn* conn, const PGresult* result) {
  std::string message = error_field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  if (message.empty()) message = PQerrorMessage(conn);
  message = one_line(message);
  const std::string state = sqlstate(result);
  return state.empty() ? message : message + " (SQLSTATE " + state + ")";
}

bool connection_lost(PGconn* conn) { return PQstatus(conn) != CONNECTION_OK; }

Result exec(PGconn* conn, const std::string& sql, const std::string& what) {
  Result result(PQexec(conn, sql.c_str()));
  if (!succeeded(result.get())) throw RunnerError(what + ": " + describe_error(conn, result.get()));
  return result;
}

void rollback_quietly(PGconn* conn) {
  if (conn == nullptr || connection_lost(conn) || PQtransactionStatus(conn) == PQTRANS_IDLE) return;
  Result ignored(PQexec(conn, "ROLLBACK"));
}

std::string literal(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

std::string value(const PGresult* result, int row, int column) {
  return PQgetisnull(result, row, column) ? std::string() : std::string(PQgetvalue(result, row, column));
}

bool is_null(const PGresult* result, int row, int column) { return PQgetisnull(result, row, column) != 0; }

}  // namespace strata::runner::pg
