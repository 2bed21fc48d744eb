#include "sessions.h"

#include "connect.h"

namespace strata::runner::sessions {

std::string describe(const PGresult* rows) {
  std::string text;
  for (int row = 0; row < PQntuples(rows); ++row) {
    const auto get = [&](int column) { return pg::value(rows, row, column); };
    if (!text.empty()) text += "; ";
    text += "pid " + get(0) + " (user " + get(1);
    if (!get(2).empty()) text += ", application " + get(2);
    text += ", client " + get(3);
    if (!get(4).empty()) text += ", " + get(4) + (get(5).empty() ? "" : " for " + get(5) + " s");
    text += ")";
    if (!get(6).empty()) text += ": " + get(6);
  }
  return text;
}

}  // namespace strata::runner::sessions

namespace strata::runner {

LockTimeoutError::LockTimeoutError(const std::string& message, std::string blocker, std::vector<std::string> details)
    : RunnerError(message, [&] {
        if (!blocker.empty()) details.insert(details.begin(), "blocked by: " + blocker);
        return details;
      }()),
      blocker_(std::move(blocker)) {}

}  // namespace strata::runner
