#include <sys/socket.h>

#include <utility>

#include "strata/connection.h"
#include "strata/pg.h"

namespace strata::pg {

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

std::string describe_target(const std::string& connection) { return runtime::redact_password(connection); }

Session::Session(const std::string& connection, const char* application_name) : target_(describe_target(connection)) {
  if (connection.empty()) throw Error("no database connection given (a postgresql:// URL or key=value string)");
  // expand_dbname: `dbname` may be a URL or a keyword/value string, whose own settings win.
  const char* keywords[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {connection.c_str(), application_name, nullptr};
  conn_ = PQconnectdbParams(keywords, values, 1);
  if (conn_ == nullptr) throw Error("cannot connect to " + target_ + ": out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    // libpq quotes a malformed URL back: never let its password through.
    const std::string message =
        runtime::mask_secrets(one_line(PQerrorMessage(conn_)), runtime::connection_secrets(connection));
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error("cannot connect to " + target_ + ": " + message);
  }
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  socket_ = PQsocket(conn_);
}

Session::~Session() {
  if (conn_ != nullptr) PQfinish(conn_);
}

Session::Session(Session&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)), socket_(std::exchange(other.socket_, -1)), target_(std::move(other.target_)) {}

Session& Session::operator=(Session&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = std::exchange(other.conn_, nullptr);
    socket_ = std::exchange(other.socket_, -1);
    target_ = std::move(other.target_);
  }
  return *this;
}

Result Session::send(const std::string& sql) const { return pg::send(conn_, sql); }

Result send(PGconn* conn, const std::string& sql) { return Result(PQexec(conn, sql.c_str())); }

Result Session::exec(const std::string& sql, const std::string& what) const { return pg::exec(conn_, sql, what); }

Result exec(PGconn* conn, const std::string& sql, const std::string& what) {
  Result result = send(conn, sql);
  if (!succeeded(result.get())) {
    std::string message = error_field(result.get(), PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) message = one_line(PQerrorMessage(conn));
    ErrorInfo info{.sqlstate = sqlstate(result.get())};
    if (what.empty()) info.statement = sql;
    throw Error(what.empty() ? message : what + ": " + message, std::move(info));
  }
  return result;
}

Rows Session::query(const std::string& sql, const std::string& what) const {
  const Result result = exec(sql, what);
  Rows rows;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    auto& values = rows.emplace_back();
    for (int column = 0; column < PQnfields(result.get()); ++column) values.emplace_back(PQgetvalue(result.get(), row, column));
  }
  return rows;
}

std::string Session::value(const std::string& sql, const std::string& what) const {
  const auto rows = query(sql, what);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}

bool Session::lost() const { return connection_lost(conn_); }

void Session::rollback_quietly() const { pg::rollback_quietly(conn_); }

bool connection_lost(PGconn* conn) { return conn == nullptr || PQstatus(conn) != CONNECTION_OK; }

void rollback_quietly(PGconn* conn) {
  if (connection_lost(conn) || PQtransactionStatus(conn) == PQTRANS_IDLE) return;
  Result ignored = send(conn, "ROLLBACK");
}

void Session::abandon() const {
  if (socket_ >= 0) ::shutdown(socket_, SHUT_RDWR);
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

std::string literal(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

std::string identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string value(const PGresult* result, int row, int column) {
  return PQgetisnull(result, row, column) ? std::string() : std::string(PQgetvalue(result, row, column));
}

bool is_null(const PGresult* result, int row, int column) { return PQgetisnull(result, row, column) != 0; }

}  // namespace strata::pg
