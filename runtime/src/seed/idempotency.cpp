#include "strata/runner.h"
#include "strata/seed.h"

namespace strata::seed {
namespace {

// "public.a: 3 -> 6 rows" for every table whose count differs.
std::vector<std::string> changed_counts(const runner::RowCounts& before, const runner::RowCounts& after) {
  std::vector<std::string> lines;
  for (const auto& [table, rows] : after) {
    const auto found = before.find(table);
    const long long old_rows = found == before.end() ? 0 : found->second;
    if (old_rows != rows) lines.push_back(table + ": " + std::to_string(old_rows) + " -> " + std::to_string(rows) + " rows");
  }
  for (const auto& [table, rows] : before) {
    if (!after.count(table)) lines.push_back(table + ": " + std::to_string(rows) + " rows -> gone");
  }
  return lines;
}

}  // namespace

std::vector<std::string> idempotency_problems(const std::string& connection, const std::vector<sql::SourceFile>& files) {
  std::vector<std::string> problems;
  for (const auto& file : files) {
    const auto name = file.path.filename().string();
    const auto before = runner::count_rows(connection);
    try {
      apply_file(connection, file);
    } catch (const sql::SqlError& error) {
      problems.push_back(name + ": fails on a second run: " + describe(error));
      continue;
    }
    const auto changed = changed_counts(before, runner::count_rows(connection));
    if (changed.empty()) continue;
    std::string text = name + ": changes row counts on a second run:";
    for (const auto& line : changed) text += "\n  " + line;
    problems.push_back(text);
  }
  return problems;
}

}  // namespace strata::seed
