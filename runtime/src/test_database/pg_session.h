// A plain libpq session for the pool's administrative statements (CREATE/DROP/ALTER DATABASE,
// advisory locks, catalog look-ups): one round trip each, SQLSTATE at hand, and a way for
// another thread to hang up while a statement runs.
#pragma once

#include <libpq-fe.h>

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
  // Shuts the socket down (from any thread): the statement running in another thread returns
  // with an error at once, while the server finishes it (a backend does not read its socket
  // while it runs a statement, so CREATE DATABASE still completes and commits).
  void abandon();

 private:
  PGconn* connection_ = nullptr;
  int socket_ = -1;
};

std::string quote_identifier(const std::string& name);

}  // namespace strata::testdb::detail
