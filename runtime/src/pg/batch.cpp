// pg::send_batch: statements in one query string, results counted back to the statements.
#include <algorithm>
#include <cstdlib>

#include "strata/pg.h"

namespace strata::pg {
namespace {

long characters(const std::string& text) {
  long count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;  // UTF-8: count the first byte of each character
  return count;
}

// The text between two statements: ";\n", as psql users write it (and as a dry run prints it),
// or "\n;\n" after a statement whose last line has a -- comment the `;` would otherwise be in.
std::string separator_after(const std::string& statement) {
  const auto line = statement.rfind('\n');
  return statement.find("--", line == std::string::npos ? 0 : line) == std::string::npos ? ";\n" : "\n;\n";
}

}  // namespace

Batch send_batch(PGconn* conn, const std::vector<std::string>& statements) {
  Batch batch;
  if (statements.empty()) return batch;
  std::string text;
  std::vector<long> starts;  // character offset of each statement in `text`
  long offset = 0;
  for (const auto& statement : statements) {
    if (!starts.empty()) {
      const std::string separator = separator_after(text);
      text += separator;
      offset += static_cast<long>(separator.size());
    }
    starts.push_back(offset);
    text += statement;
    offset += characters(statement);
  }
  if (PQsendQuery(conn, text.c_str()) == 0) {
    batch.failed = Result(PQmakeEmptyPGresult(conn, PGRES_FATAL_ERROR));
    return batch;
  }
  while (PGresult* raw = PQgetResult(conn)) {
    Result result(raw);
    const auto status = PQresultStatus(raw);
    if (status == PGRES_COPY_IN) {
      PQputCopyEnd(conn, "COPY FROM STDIN cannot run in a batch of statements");
      continue;  // the server now fails the COPY: that error is the next result
    }
    if (status == PGRES_COPY_OUT) {
      char* buffer = nullptr;
      while (PQgetCopyData(conn, &buffer, 0) > 0) PQfreemem(buffer);
      continue;
    }
    if (succeeded(raw)) {
      ++batch.ran;
      batch.results.push_back(std::move(result));
    } else if (!batch.failed) {
      batch.failed = std::move(result);
    }
  }
  if (!batch.failed) return batch;
  batch.failed_statement = std::min(batch.ran, statements.size() - 1);
  if (const std::string position = error_field(batch.failed.get(), PG_DIAG_STATEMENT_POSITION); !position.empty()) {
    const long at = std::strtol(position.c_str(), nullptr, 10) - 1;
    for (std::size_t i = starts.size(); i-- > 0;) {
      if (starts[i] <= at) {
        batch.failed_statement = i;
        break;
      }
    }
  }
  batch.characters_before = starts[batch.failed_statement];
  return batch;
}

std::vector<Result> query_all(PGconn* conn, const std::vector<std::string>& queries, const std::string& what) {
  std::vector<Result> results;
  results.reserve(queries.size());
  for (std::size_t first = 0; first < queries.size(); first += kBatchStatements) {
    const std::vector<std::string> some(queries.begin() + static_cast<long>(first),
                                        queries.begin() + static_cast<long>(std::min(queries.size(), first + kBatchStatements)));
    auto batch = send_batch(conn, some);
    if (batch.failed) {
      throw Error(what + ": " + describe_error(conn, batch.failed.get()),
                  ErrorInfo{.sqlstate = sqlstate(batch.failed.get()), .statement = some[batch.failed_statement]});
    }
    for (auto& result : batch.results) results.push_back(std::move(result));
  }
  return results;
}

}  // namespace strata::pg
