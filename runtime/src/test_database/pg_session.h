// A plain libpq session for the pool's administrative statements (CREATE/DROP/ALTER DATABASE,
// advisory locks, catalog look-ups): one round trip each, SQLSTATE at hand, and a cancel handle
// another thread may use while a statement runs.
#pragma once

#include <libpq-fe.h>

#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace strata::testdb::detail {

class PgError : public std::runtime_error {
 public:
  PgError(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate(std::move(sqlstate)) {}
  std::string sqlstate;  // empty when the connection itself failed
};

// SQLSTATEs the pool reacts to.
constexpr const char* kUndefinedDatabase = "3D000";
constexpr const char* kDuplicateDatabase = "42P04";
constexpr const char* kObjectInUse = "55006";
constexpr const char* kQueryCanceled = "57014";

class PgSession {
 public:
  explicit PgSession(const std::string& connection_string);
  ~PgSession();
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;

  // Runs one statement; rows of text values (NULL as ""). Throws PgError.
  std::vector<std::vector<std::string>> query(const std::string& sql);
  void exec(const std::string& sql) { query(sql); }
  std::string value(const std::string& sql);  // first column of the first row ("" when none)
  bool ok() const;
  // Asks the server to cancel the running statement (from any thread).
  void cancel();

 private:
  PGconn* connection_ = nullptr;
  std::mutex cancel_mutex_;
  PGcancel* cancel_ = nullptr;
};

std::string quote_identifier(const std::string& name);
std::string quote_literal(const std::string& text);

}  // namespace strata::testdb::detail
