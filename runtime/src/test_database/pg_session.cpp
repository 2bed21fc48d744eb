#include "pg_session.h"

#include <sys/socket.h>

#include <memory>

#include "strata/connection.h"

namespace strata::testdb::detail {

PgSession::PgSession(const std::string& connection_string) : connection_(PQconnectdb(connection_string.c_str())) {
  if (connection_ == nullptr || PQstatus(connection_) != CONNECTION_OK) {
    const std::string message = connection_ != nullptr ? PQerrorMessage(connection_) : "out of memory";
    PQfinish(connection_);
    connection_ = nullptr;
    throw PgError("cannot connect to " + runtime::redact_password(connection_string) + ": " + message, "");
  }
  PQsetNoticeProcessor(connection_, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
  socket_ = PQsocket(connection_);
}

PgSession::~PgSession() { PQfinish(connection_); }

std::vector<std::vector<std::string>> PgSession::query(const std::string& sql) {
  const std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection_, sql.c_str()), &PQclear);
  const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    std::string message = PQerrorMessage(connection_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    throw PgError(message + " [" + sql + "]", state != nullptr ? state : "");
  }
  std::vector<std::vector<std::string>> rows;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    auto& values = rows.emplace_back();
    for (int column = 0; column < PQnfields(result.get()); ++column) {
      values.emplace_back(PQgetvalue(result.get(), row, column));
    }
  }
  return rows;
}

std::string PgSession::value(const std::string& sql) {
  const auto rows = query(sql);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}

bool PgSession::ok() const { return PQstatus(connection_) == CONNECTION_OK; }

void PgSession::abandon() {
  if (socket_ >= 0) ::shutdown(socket_, SHUT_RDWR);
}

std::string quote_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}


}  // namespace strata::testdb::detail
