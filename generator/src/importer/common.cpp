#include "common.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "strata/sql_source.h"

namespace strata::importer::detail {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string slug_of(const std::string& text) {
  std::string slug;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!slug.empty() && slug.back() != '_') {
      slug += '_';
    }
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return slug.empty() ? "migration" : slug;
}

std::vector<fs::path> files_in(const fs::path& directory) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<fs::path> directories_in(const fs::path& directory) {
  std::vector<fs::path> directories;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_directory()) directories.push_back(entry.path());
  }
  std::sort(directories.begin(), directories.end());
  return directories;
}

void refuse(const fs::path& file, const std::string& why) { throw Error(file.string() + ": " + why); }

namespace {

std::vector<sql::Statement> statements_of(const std::string& sql, const fs::path& file) {
  try {
    return sql::split_statements({file, sql});
  } catch (const sql::SqlError&) {
    return {};  // strata lint and migrate report it, at its file:line:col
  }
}

bool is_transaction(const sql::Statement& statement, const std::vector<std::string>& kinds) {
  return statement.node_type == "TransactionStmt" &&
         std::find(kinds.begin(), kinds.end(), statement.transaction_kind) != kinds.end();
}

}  // namespace

std::string without_transaction_wrapper(const std::string& sql, const fs::path& file) {
  const auto statements = statements_of(sql, file);
  if (statements.empty()) return sql;
  std::string out = sql;
  const auto& first = statements.front();
  const auto& last = statements.back();
  const bool wrapped = statements.size() >= 2 && is_transaction(first, {"TRANS_STMT_BEGIN", "TRANS_STMT_START"}) &&
                       is_transaction(last, {"TRANS_STMT_COMMIT"});
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const bool wrapper = wrapped && (i == 0 || i + 1 == statements.size());
    if (statements[i].node_type == "TransactionStmt" && !wrapper) {
      refuse(file, "line " + std::to_string(statements[i].location.line) +
                       ": controls transactions itself (" + statements[i].sql +
                       "); strata runs each migration in its own transaction (or none: -- strata:no-transaction)");
    }
  }
  if (!wrapped) return sql;
  // Blank the two statements (and their semicolons), keeping every other byte where it was so
  // that positions in errors still match the tool's file.
  for (const auto* statement : {&last, &first}) {
    auto end = statement->offset + statement->sql.size();
    if (end < out.size() && out[end] == ';') ++end;
    for (auto i = statement->offset; i < end; ++i) {
      if (out[i] != '\n') out[i] = ' ';
    }
  }
  return out;
}

bool needs_no_transaction(const std::string& sql, const fs::path& file) {
  const auto statements = statements_of(sql, file);
  return std::any_of(statements.begin(), statements.end(), [](const auto& s) { return sql::refuses_transaction_block(s); });
}

}  // namespace strata::importer::detail
