// Turning PostgreSQL's error fields (SQLSTATE, message, detail, hint, position) into a SqlError
// at the file:line:col PostgreSQL pointed at.
#include <libpq-fe.h>

#include "strata/sql_source.h"

namespace strata::sql {
namespace {

std::string field(const PGresult* result, int code) {
  const char* value = PQresultErrorField(result, code);
  return value ? value : "";
}

// PostgreSQL reports a 1-based character position in the statement; files are UTF-8.
std::size_t byte_offset_of_character(const std::string& text, long position) {
  std::size_t offset = 0;
  for (long chars = 1; chars < position && offset < text.size(); ++chars) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
  }
  return offset;
}

}  // namespace

SqlError error_from_result(const SourceFile& file, const Statement& statement, const pg_result* result,
                           long characters_before) {
  return error_from_result(file, statement, result, statement.sql, [&](std::size_t offset) { return offset; },
                           characters_before);
}

SqlError error_from_result(const SourceFile& file, const Statement& statement, const pg_result* result,
                           const std::string& sent, const std::function<std::size_t(std::size_t)>& origin,
                           long characters_before) {
  SourceLocation where = statement.location;
  if (const std::string position = field(result, PG_DIAG_STATEMENT_POSITION); !position.empty()) {
    const long in_statement = std::stol(position) - characters_before;
    where = locate(file.path, file.text, statement.offset + origin(byte_offset_of_character(sent, in_statement)));
  }
  std::vector<std::string> details;
  for (const auto& [label, code] : {std::pair{"detail", PG_DIAG_MESSAGE_DETAIL}, std::pair{"context", PG_DIAG_CONTEXT}}) {
    if (const auto text = field(result, code); !text.empty()) details.push_back(std::string(label) + ": " + text);
  }
  std::string message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = PQresultErrorMessage(result);  // e.g. the connection was lost
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return SqlError(where, message, field(result, PG_DIAG_SQLSTATE), statement.sql, std::move(details),
                  field(result, PG_DIAG_MESSAGE_HINT));
}

}  // namespace strata::sql
