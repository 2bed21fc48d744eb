#include "plan.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace strata::runner::plan {
namespace {

[[noreturn]] void refuse(const std::string& summary, const std::vector<std::string>& problems) {
  std::string message = problems.size() == 1 ? problems.front()
                                             : summary + ": " + problems.front() + " (and " +
                                                   std::to_string(problems.size() - 1) + " more)";
  throw RunnerError(message, problems);
}

std::string upper_word(const std::string& sql, std::size_t& at) {
  while (at < sql.size() && std::isspace(static_cast<unsigned char>(sql[at]))) ++at;
  std::string word;
  while (at < sql.size() && std::isalpha(static_cast<unsigned char>(sql[at]))) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[at++])));
  }
  return word;
}

// For a file PostgreSQL's parser refused (a syntax error somewhere), statements carry no parse
// tree: recognise transaction control by its leading keywords so that such a file is still
// refused before anything runs.
std::string transaction_keyword(const sql::Statement& statement) {
  std::size_t at = 0;
  const std::string first = upper_word(statement.sql, at);
  const std::string second = upper_word(statement.sql, at);
  if (first == "BEGIN" || first == "COMMIT" || first == "END" || first == "ABORT") {
    return second == "PREPARED" ? first + " PREPARED" : first;
  }
  if (first == "START" && second == "TRANSACTION") return "START TRANSACTION";
  if (first == "PREPARE" && second == "TRANSACTION") return "PREPARE TRANSACTION";
  if (first == "ROLLBACK") {
    if (second == "PREPARED") return "ROLLBACK PREPARED";
    std::size_t after = at;
    const std::string third = upper_word(statement.sql, after);
    if (second == "TO" || third == "TO") return "";  // ROLLBACK [WORK|TRANSACTION] TO SAVEPOINT
    return "ROLLBACK";
  }
  return "";
}

std::string transaction_control(const sql::Statement& statement) {
  static const std::map<std::string, std::string> refused = {
      {"TRANS_STMT_BEGIN", "BEGIN"},
      {"TRANS_STMT_START", "START TRANSACTION"},
      {"TRANS_STMT_COMMIT", "COMMIT"},
      {"TRANS_STMT_ROLLBACK", "ROLLBACK"},
      {"TRANS_STMT_PREPARE", "PREPARE TRANSACTION"},
      {"TRANS_STMT_COMMIT_PREPARED", "COMMIT PREPARED"},
      {"TRANS_STMT_ROLLBACK_PREPARED", "ROLLBACK PREPARED"},
  };
  if (statement.node_type.empty()) return transaction_keyword(statement);
  const auto it = refused.find(statement.transaction_kind);
  return it == refused.end() ? "" : it->second;
}

}  // namespace

const HistoryEntry* find(const std::vector<HistoryEntry>& history, const std::string& version) {
  const auto it = std::find_if(history.begin(), history.end(), [&](const auto& entry) { return entry.version == version; });
  return it == history.end() ? nullptr : &*it;
}

void check_history(const std::vector<migrations::Migration>& migrations, const std::vector<HistoryEntry>& history,
                   const std::vector<std::string>& integrity_problems) {
  if (!integrity_problems.empty()) {
    refuse("the migrations do not match " + std::string(migrations::kIntegrityFileName), integrity_problems);
  }
  std::map<std::string, const migrations::Migration*> files;
  for (const auto& migration : migrations) files.emplace(migration.version, &migration);
  std::vector<std::string> problems;
  for (const auto& entry : history) {
    const auto it = files.find(entry.version);
    if (it == files.end()) {
      problems.push_back("migration " + entry.name + " is applied but its file " + entry.name +
                         ".sql is missing (restore it, or `strata repair --forget-missing` to forget it)");
      continue;
    }
    const auto& file = it->second->up;
    const std::string now = checksum(*it->second);
    if (now == entry.checksum) continue;
    if (entry.statements_done) {
      problems.push_back(file.path.string() + " was edited after its no-transaction run stopped at statement " +
                         std::to_string(*entry.statements_done) +
                         "; resuming needs the file it started with: restore it, or run `strata repair` to accept "
                         "the edit (the run then continues after statement " +
                         std::to_string(*entry.statements_done) + " of the edited file)");
    } else {
      problems.push_back(file.path.string() + " was edited after it was applied (recorded checksum " +
                         entry.checksum.substr(0, 12) + "…, file " + now.substr(0, 12) +
                         "…): restore it, or run `strata repair` if the edit is deliberate");
    }
  }
  if (!problems.empty()) refuse("applied migrations do not match their files", problems);
}

std::vector<sql::Statement> split_checked(const migrations::MigrationFile& file, sql::SourceFile& source) {
  source = sql::SourceFile{file.path, file.sql};
  auto statements = sql::split_statements(source);
  for (const auto& statement : statements) {
    if (const auto kind = transaction_control(statement); !kind.empty()) {
      throw sql::SqlError(statement.location,
                          kind + " is not allowed in a migration: the runner wraps each migration in its own "
                                 "transaction (use `-- strata:no-transaction` for statements that cannot run in one; "
                                 "savepoints are fine)",
                          "", statement.sql);
    }
  }
  return statements;
}

std::vector<Step> pending(const std::vector<migrations::Migration>& migrations, const std::vector<HistoryEntry>& history,
                          const std::optional<std::string>& to_version) {
  if (to_version && !find(history, *to_version) &&
      std::none_of(migrations.begin(), migrations.end(), [&](const auto& m) { return m.version == *to_version; })) {
    throw RunnerError("no migration has version " + *to_version);
  }
  std::string newest_applied;
  for (const auto& entry : history) newest_applied = std::max(newest_applied, entry.version);
  std::vector<Step> steps;
  for (const auto& migration : migrations) {
    if (to_version && migration.version > *to_version) break;
    const HistoryEntry* entry = find(history, migration.version);
    if (entry && !entry->statements_done) continue;
    Step step;
    step.migration = &migration;
    step.file = &migration.up;
    step.out_of_order = !entry && migration.version < newest_applied;
    if (entry) {
      step.resuming = true;
      step.statements_done = *entry->statements_done;
    }
    step.statements = split_checked(migration.up, step.source);
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace strata::runner::plan
