#include "strata/review.h"

#include <fstream>
#include <map>
#include <sstream>

#include "strata/error.h"
#include "strata/migrations.h"
#include "strata/sql_source.h"

namespace strata::review {
namespace {

namespace fs = std::filesystem;
using Kind = MigrationChange::Kind;

std::map<std::string, const migrations::Migration*> by_name(const std::vector<migrations::Migration>& list) {
  std::map<std::string, const migrations::Migration*> out;
  for (const auto& migration : list) out[migration.name()] = &migration;
  return out;
}

MigrationChange change_of(Kind kind, const migrations::Migration& migration) {
  MigrationChange change;
  change.kind = kind;
  change.name = migration.name();
  change.file = migration.up.path;
  change.has_down = migration.down.has_value();
  if (kind == Kind::removed) return change;
  change.sql = migration.up.sql;
  change.statements = static_cast<int>(sql::split_statements({migration.up.path, migration.up.sql}).size());
  change.no_transaction = migration.up.pragmas.no_transaction;
  change.destructive = migration.up.pragmas.destructive;
  return change;
}

std::vector<migrations::Migration> read(const fs::path& directory, const std::string& what) {
  if (!fs::is_directory(directory)) throw Error(directory.string() + ": no such migrations directory (" + what + ")");
  return migrations::read_directory(directory);
}

std::string kind_name(Kind kind) {
  switch (kind) {
    case Kind::added: return "added";
    case Kind::edited: return "edited";
    case Kind::removed: return "removed";
  }
  return "added";
}

std::string how_it_runs(const MigrationChange& change) {
  std::string text = std::to_string(change.statements) + (change.statements == 1 ? " statement" : " statements") +
                     (change.no_transaction ? ", outside a transaction (-- strata:no-transaction)" : ", in one transaction");
  if (change.destructive) text += ", marked destructive";
  if (!change.has_down) text += ", no down file";
  return text;
}

std::string table_cell(std::string text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// A long migration's SQL is cut: the comment must stay readable (and under GitHub's size limit).
constexpr int kSqlLinesShown = 120;

std::string sql_block(const std::string& sql) {
  std::istringstream lines(sql);
  std::string shown;
  int count = 0, total = 0;
  for (std::string line; std::getline(lines, line); ++total) {
    if (count < kSqlLinesShown) {
      shown += line + "\n";
      ++count;
    }
  }
  std::string out = "```sql\n" + shown + "```\n";
  if (total > kSqlLinesShown) out += "(" + std::to_string(total - kSqlLinesShown) + " more lines)\n";
  return out;
}

std::string file_name(const fs::path& file) { return file.filename().string(); }

std::string rehearsal_markdown(const nlohmann::json& rehearsal) {
  std::string out = "#### Rehearsal on a copy of " + rehearsal.value("target", std::string("the target")) + "\n\n";
  if (rehearsal.value("success", false)) {
    out += "**Success**: " + std::to_string(rehearsal.value("pending", 0)) + " pending migration(s) applied in " +
           std::to_string(static_cast<long long>(rehearsal.value("total_ms", 0.0))) + " ms.\n\n";
  } else {
    const auto error = rehearsal.value("error", nlohmann::json::object());
    out += "**Failed**: " + error.value("migration", std::string("?")) + ": " + error.value("message", std::string()) + "\n\n";
  }
  if (rehearsal.contains("migrations") && !rehearsal["migrations"].empty()) {
    out += "| migration | status | time |\n|---|---|---|\n";
    for (const auto& migration : rehearsal["migrations"]) {
      out += "| " + table_cell(migration.value("name", std::string())) + " | " +
             table_cell(migration.value("status", std::string())) + " | " +
             std::to_string(static_cast<long long>(migration.value("execution_ms", 0.0))) + " ms |\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::vector<const lint::Finding*> Review::destructive_steps() const {
  std::vector<const lint::Finding*> out;
  for (const auto& finding : lint.findings) {
    const auto* rule = lint::find_rule(finding.rule);
    if (rule != nullptr && rule->data_loss && !finding.suppressed) out.push_back(&finding);
  }
  return out;
}

bool Review::failed() const {
  if (lint.failed()) return true;
  for (const auto& change : changes) {
    if (change.kind != Kind::added) return true;
  }
  return false;
}

Review review(const Options& options) {
  const auto current = read(options.migrations, "--migrations");
  const auto base = options.base ? read(*options.base, "--base") : std::vector<migrations::Migration>{};
  const auto base_names = by_name(base);
  const auto current_names = by_name(current);

  Review result;
  auto lint_options = options.lint;
  lint_options.only.clear();
  for (const auto& migration : current) {
    const auto found = base_names.find(migration.name());
    if (found == base_names.end()) {
      result.changes.push_back(change_of(Kind::added, migration));
    } else if (found->second->up.sql != migration.up.sql) {
      result.changes.push_back(change_of(Kind::edited, migration));
    } else {
      continue;
    }
    lint_options.only.push_back(migration.up.path);
  }
  for (const auto& migration : base) {
    if (!current_names.count(migration.name())) result.changes.push_back(change_of(Kind::removed, migration));
  }
  std::stable_sort(result.changes.begin(), result.changes.end(),
                   [](const MigrationChange& a, const MigrationChange& b) { return a.name < b.name; });
  if (!lint_options.only.empty()) result.lint = lint::lint(current, lint_options);

  if (options.rehearsal) {
    std::ifstream in(*options.rehearsal);
    if (!in) throw Error(options.rehearsal->string() + ": cannot read the rehearsal (--rehearsal)");
    try {
      result.rehearsal = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& error) {
      throw Error(options.rehearsal->string() + ": not the JSON of `strata rehearse --format json`: " + error.what());
    }
  }
  return result;
}

std::string format_text(const Review& review) {
  std::string out;
  if (review.changes.empty()) out += "no migration added, edited or removed\n";
  for (const auto& change : review.changes) {
    out += kind_name(change.kind) + " " + change.name;
    if (change.kind != Kind::removed) out += ": " + how_it_runs(change);
    out += "\n";
  }
  const auto destructive = review.destructive_steps();
  for (const auto* finding : destructive) {
    out += "destroys data: " + finding->file.string() + ":" + std::to_string(finding->line) + " " + finding->message +
           (finding->approved ? " (approved: " + finding->approval_reason + ")" : " (not approved)") + "\n";
  }
  if (!review.lint.findings.empty()) out += lint::format_text(review.lint);
  if (review.rehearsal) {
    out += std::string("rehearsal: ") + (review.rehearsal->value("success", false) ? "success" : "failed") + "\n";
  }
  return out;
}

std::string format_markdown(const Review& review) {
  std::string out = std::string(kMarker) + "\n### strata: what this change to the schema will do\n\n";
  if (review.changes.empty()) {
    out += "No migration added, edited or removed.\n";
    return out;
  }
  int added = 0, edited = 0, removed = 0;
  for (const auto& change : review.changes) {
    (change.kind == Kind::added ? added : change.kind == Kind::edited ? edited : removed)++;
  }
  const auto destructive = review.destructive_steps();
  int failing = 0;
  for (const auto& finding : review.lint.findings) failing += finding.fails() ? 1 : 0;
  out += std::to_string(added) + " migration(s) added";
  if (edited > 0) out += ", **" + std::to_string(edited) + " edited**";
  if (removed > 0) out += ", **" + std::to_string(removed) + " removed**";
  out += "; lint: " + (failing > 0 ? "**" + std::to_string(failing) + " failing finding(s)**" : std::string("passes")) +
         "; " + std::to_string(destructive.size()) + " step(s) that destroy data.\n\n";
  if (edited + removed > 0) {
    out += "> **Edited or removed migrations** are refused by `strata migrate` on every database that applied them "
           "(their checksums are recorded). Add a new migration instead.\n\n";
  }

  out += "#### Plan\n\n| | migration | how it runs |\n|---|---|---|\n";
  for (const auto& change : review.changes) {
    out += "| " + kind_name(change.kind) + " | `" + change.name + "` | " +
           (change.kind == Kind::removed ? std::string("(file deleted)") : table_cell(how_it_runs(change))) + " |\n";
  }
  out += "\n";

  if (!destructive.empty()) {
    out += "#### Steps that destroy data\n\n| where | what | approval |\n|---|---|---|\n";
    for (const auto* finding : destructive) {
      out += "| `" + file_name(finding->file) + ":" +
             std::to_string(finding->line) + "` | " + table_cell(finding->message) + " | " +
             (finding->approved ? table_cell(finding->approval_reason) : std::string("**not approved**")) + " |\n";
    }
    out += "\n";
  }

  if (!review.lint.findings.empty()) {
    out += "#### Lint\n\n| where | rule | severity | message |\n|---|---|---|---|\n";
    for (const auto& finding : review.lint.findings) {
      if (finding.suppressed) continue;
      out += "| `" + file_name(finding.file) + ":" + std::to_string(finding.line) + ":" +
             std::to_string(finding.column) + "` | " + finding.rule + " | " +
             (finding.approved ? "approved" : lint::to_string(finding.severity)) + " | " + table_cell(finding.message) +
             (finding.hint.empty() ? "" : "<br>hint: " + table_cell(finding.hint)) + " |\n";
    }
    out += "\n";
  }

  if (review.rehearsal) out += rehearsal_markdown(*review.rehearsal);

  out += "#### SQL\n\n";
  for (const auto& change : review.changes) {
    if (change.kind == Kind::removed) continue;
    out += "<details><summary><code>" + change.name + "</code> (" + kind_name(change.kind) + ")</summary>\n\n" +
           sql_block(change.sql) + "\n</details>\n\n";
  }
  return out;
}

nlohmann::json to_json(const Review& review) {
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const auto& change : review.changes) {
    changes.push_back({{"change", kind_name(change.kind)},
                       {"name", change.name},
                       {"file", change.file.string()},
                       {"statements", change.statements},
                       {"no_transaction", change.no_transaction},
                       {"destructive", change.destructive},
                       {"has_down", change.has_down}});
  }
  nlohmann::json out;
  out["changes"] = nlohmann::json::parse(changes.dump());
  out["lint"] = nlohmann::json::parse(lint::format_json(review.lint));
  nlohmann::json destructive = nlohmann::json::array();
  for (const auto* finding : review.destructive_steps()) {
    destructive.push_back({{"file", finding->file.string()},
                           {"line", finding->line},
                           {"rule", finding->rule},
                           {"message", finding->message},
                           {"approved", finding->approved}});
  }
  out["destructive_steps"] = destructive;
  if (review.rehearsal) out["rehearsal"] = *review.rehearsal;
  out["failed"] = review.failed();
  return out;
}

}  // namespace strata::review
