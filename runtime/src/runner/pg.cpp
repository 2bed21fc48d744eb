#include "pg.h"

#include <cctype>

#include "strata/connection.h"
#include "strata/runner.h"

namespace strata::runner::pg {
namespace {

std::string percent_decode(const std::string& text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      decoded += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

// Every spelling of the secrets in `connection`, found without libpq (which cannot parse a
// malformed string, exactly when its message quotes it back): the URL's userinfo password and
// password=/sslpassword= values, raw and percent-decoded, and libpq's parse when it succeeds.
std::vector<std::string> secrets_of(const std::string& connection) {
  std::vector<std::string> secrets;
  const auto add = [&secrets](const std::string& secret) {
    if (secret.empty() || secret == "''") return;
    secrets.push_back(secret);
    if (const auto decoded = percent_decode(secret); decoded != secret) secrets.push_back(decoded);
  };
  if (char* error = nullptr; PQconninfoOption* options = PQconninfoParse(connection.c_str(), &error)) {
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
      const std::string keyword = option->keyword;
      if ((keyword == "password" || keyword == "sslpassword") && option->val != nullptr) add(option->val);
    }
    PQconninfoFree(options);
  } else if (error != nullptr) {
    PQfreemem(error);
  }
  const bool url = connection.rfind("postgresql://", 0) == 0 || connection.rfind("postgres://", 0) == 0;
  if (url) {
    const std::size_t start = connection.find("://") + 3;
    const std::size_t end = std::min(connection.find_first_of("/?", start), connection.size());
    const std::size_t at = connection.rfind('@', end);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = connection.find(':', start);
      if (colon < at) add(connection.substr(colon + 1, at - colon - 1));
    }
  }
  // password=... in a query string or a keyword/value string (bare or quoted values).
  for (const std::string key : {"sslpassword", "password"}) {
    for (std::size_t at = connection.find(key); at != std::string::npos; at = connection.find(key, at + 1)) {
      std::size_t i = at + key.size();
      while (i < connection.size() && connection[i] == ' ') ++i;
      if (i >= connection.size() || connection[i] != '=') continue;
      ++i;
      while (i < connection.size() && connection[i] == ' ') ++i;
      std::size_t end = i;
      if (i < connection.size() && connection[i] == '\'') {
        for (end = i + 1; end < connection.size() && connection[end] != '\''; ++end) {
          if (connection[end] == '\\') ++end;
        }
        add(connection.substr(i + 1, std::min(end, connection.size()) - i - 1));
      } else {
        while (end < connection.size() && connection[end] != '&' && !std::isspace(static_cast<unsigned char>(connection[end]))) ++end;
        add(connection.substr(i, end - i));
      }
    }
  }
  return secrets;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

std::string describe_target(const std::string& connection) { return runtime::redact_password(connection); }

std::string scrub_secrets(const std::string& message, const std::string& connection) {
  std::string scrubbed = message;
  for (const auto& secret : secrets_of(connection)) {
    // A quoted token containing the secret (libpq quotes the part of a URL it cannot parse)
    // goes entirely; longer secrets also wherever they appear. A secret of 1-3 characters is
    // not replaced everywhere: it would mangle every word that contains it.
    for (std::size_t open = scrubbed.find('"'); open != std::string::npos;) {
      const std::size_t close = scrubbed.find('"', open + 1);
      if (close == std::string::npos) break;
      if (scrubbed.substr(open + 1, close - open - 1).find(secret) != std::string::npos) {
        scrubbed.replace(open + 1, close - open - 1, "****");
        open = scrubbed.find('"', open + 6);
      } else {
        open = scrubbed.find('"', close + 1);
      }
    }
    if (secret.size() >= 4) replace_all(scrubbed, secret, "****");
  }
  return scrubbed;
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
    std::string message = PQerrorMessage(conn.get());
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    for (std::size_t newline; (newline = message.find('\n')) != std::string::npos;) message.replace(newline, 1, "; ");
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
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (std::size_t newline; (newline = message.find('\n')) != std::string::npos;) message.replace(newline, 1, " ");
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
