// The one error type of strata. Every error strata throws is a strata::Error (or a class derived
// from it, for callers that catch one kind): a one-line message, and what explains it as fields
// of their own (where, SQLSTATE, statement, detail lines, hint), so that one function prints
// every error the same way and machine-readable output carries each field on its own.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace strata {

// A place in a source file, 1-based; column counts characters, not bytes.
struct SourceLocation {
  std::filesystem::path file;
  int line = 1;
  int column = 1;
  std::string to_string() const;  // "schema/users.sql:12:5"
};

// What explains an error, beside its message. Every field is optional.
struct ErrorInfo {
  std::vector<std::string> details = {};  // lines: the files, objects, tables or sessions involved
  std::optional<SourceLocation> location = {};
  std::string sqlstate = {};   // PostgreSQL's error code, when PostgreSQL refused something
  std::string statement = {};  // the statement PostgreSQL refused
  std::string hint = {};       // what to do about it
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ErrorInfo info = {});
  Error(const std::string& message, std::vector<std::string> details);

  // The message alone, one line (what() adds the location and SQLSTATE).
  const std::string& message() const { return message_; }
  const std::vector<std::string>& details() const { return info_.details; }
  bool has_location() const { return info_.location.has_value(); }
  // The location; an empty one (no file) when there is none.
  const SourceLocation& location() const;
  const std::string& sqlstate() const { return info_.sqlstate; }
  const std::string& statement() const { return info_.statement; }
  const std::string& hint() const { return info_.hint; }
  const ErrorInfo& info() const { return info_; }

 private:
  std::string message_;
  ErrorInfo info_;
};

// "<location>: <message> (SQLSTATE xxxxx)": what() of an error with these fields.
std::string headline(const std::string& message, const ErrorInfo& info);

// The whole error as text: what(), then the statement, every detail line and the hint, each on
// an indented line of its own. `what()` of any other exception for those that are not ours.
std::string describe(const std::exception& error);

}  // namespace strata
