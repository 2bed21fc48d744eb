// `strata lint`: reads migration files with PostgreSQL's own parser (libpg_query, no database)
// and reports the statements that lock or rewrite a busy table, lose data, or break the code
// that is running against the database while the migration is applied (docs/lint.md).
//
// The migrations of a directory are linted in order, as one history: a table created by an
// earlier migration exists in production (with rows), a table created earlier in the same file
// is new; column types, enum labels and validated NOT NULL checks are remembered across files.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "strata/migrations.h"

namespace strata::lint {

enum class Severity {
  Error,    // dangerous: a scan or rewrite under a lock that stops traffic, lost data, a broken app
  Warning,  // worth a look; never fails the command
  Info,
};
std::string to_string(Severity severity);  // "error", "warning", "info"

struct Finding {
  std::filesystem::path file;
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters
  std::string rule;  // stable kebab-case id, e.g. "index-not-concurrent"
  Severity severity = Severity::Error;
  std::string message;
  std::string hint;
  bool suppressed = false;         // `-- strata:lint-ignore <rule> <reason>` right before the statement
  std::string suppression_reason;
  bool approved = false;           // `-- strata:approved <reason>` (or `-- strata:destructive` for data loss)
  std::string approval_reason;
  // An unapproved, unsuppressed error: fails `strata lint`.
  bool fails() const { return severity == Severity::Error && !suppressed && !approved; }
};

struct Rule {
  std::string id;
  Severity severity;
  bool enabled_by_default;  // the style rules (prefer-bigint, ...) are opt-in
  bool data_loss;           // approved by `-- strata:destructive` as well as `-- strata:approved`
  std::string summary;
};
// Every rule, in the order docs/lint.md describes them.
const std::vector<Rule>& rules();
const Rule* find_rule(const std::string& id);

struct Options {
  bool include_down = false;  // down files too (each against the state its up file leaves)
  std::set<std::string> enable;   // opt-in rules to turn on; "all" turns on every rule
  std::set<std::string> disable;  // rules to turn off
  // Report only findings in these files (the others still build the history). Empty: all.
  std::vector<std::filesystem::path> only;
  // Who applies the files. strata's runner sets lock_timeout and statement_timeout itself; another
  // tool (the history being linted came from one, and still applies it) sets none, so every file
  // that locks an existing table must set its own lock_timeout first (require-lock-timeout, as
  // squawk's rule of that name).
  enum class Runner { strata, other };
  Runner assume_runner = Runner::strata;
};

struct Report {
  std::vector<Finding> findings;  // in file order, then position
  int files = 0;                  // files whose findings are reported
  bool failed() const;            // any finding that fails()
};

// Lints the migrations (a whole directory, in version order). Never touches a database.
// Throws std::invalid_argument for an unknown rule id in options.enable / options.disable.
Report lint(const std::vector<migrations::Migration>& migrations, const Options& options = {});

// One SQL text as an up migration after `history` (tests, editors, files outside a directory).
Report lint_file(const std::filesystem::path& path, const std::string& sql,
                 const std::vector<migrations::Migration>& history = {}, const Options& options = {});

// Output formats of `strata lint --format`.
std::string format_text(const Report& report);    // file:line:col: error [rule] message\n  hint: ...
std::string format_json(const Report& report);    // {"findings": [...], "summary": {...}}
std::string format_github(const Report& report);  // ::error file=...,line=...,col=...,title=...::...
// GitHub workflow-command escaping: data (% \r \n), and properties (also : and ,).
std::string github_escape_data(const std::string& text);
std::string github_escape_property(const std::string& text);

}  // namespace strata::lint
