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
  // BEGIN ... COMMIT blocks (one, or several, with statements between them too) become the one
  // transaction strata's runner gives the migration: all or nothing, where the tool committed
  // part by part. ROLLBACK, SAVEPOINT and a BEGIN left open are refused.
  std::vector<const sql::Statement*> wrappers;
  bool open = false;
  for (const auto& statement : statements) {
    if (is_transaction(statement, {"TRANS_STMT_BEGIN", "TRANS_STMT_START"}) && !open) {
      open = true;
      wrappers.push_back(&statement);
    } else if (is_transaction(statement, {"TRANS_STMT_COMMIT"}) && open) {
      open = false;
      wrappers.push_back(&statement);
    } else if (statement.node_type == "TransactionStmt") {
      refuse(file, "line " + std::to_string(statement.location.line) + ": controls transactions itself (" + statement.sql +
                       "); strata runs each migration in its own transaction (or none: -- strata:no-transaction)");
    }
  }
  if (wrappers.empty()) return sql;
  if (open) refuse(file, "line " + std::to_string(wrappers.back()->location.line) + ": a BEGIN without its COMMIT");
  // Blank the wrapper statements (and their semicolons), keeping every other byte where it was.
  std::string out = sql;
  for (const auto* statement : wrappers) {
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
