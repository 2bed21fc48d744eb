// What a rule sees: the statement (its parse tree and its place in the file), the file's
// pragmas, the history of earlier statements, and a way to report a finding.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "ast.h"
#include "state.h"
#include "strata/lint.h"
#include "strata/migrations.h"
#include "strata/sql_source.h"

namespace strata::lint {

struct Statement {
  const sql::Statement& source;  // text, offset, file:line:col
  std::string type;              // "AlterTableStmt", ...
  const ast::Json& node;         // the statement's body
};

class Context {
 public:
  using Reporter = std::function<void(const std::string& rule, std::size_t offset, std::string message,
                                      std::string hint, std::optional<Severity> severity)>;

  Context(const migrations::Pragmas& pragmas, History& history, FileState& file, Reporter reporter)
      : pragmas_(pragmas), history_(history), file_(file), reporter_(std::move(reporter)) {}

  bool no_transaction() const { return pragmas_.no_transaction; }
  History& history() { return history_; }
  FileState& file() { return file_; }
  const FileState& file() const { return file_; }

  // New: created earlier in this file (so it is empty and nobody else uses it yet).
  bool is_new_table(const std::string& name) const { return file_.created_tables.count(name) > 0; }
  // The table of an index this history knows, or "".
  std::string table_of_index(const std::string& index) const;

  // Reports `rule` at byte `offset` of the file (the statement's start when not given).
  void report(const Statement& statement, const std::string& rule, std::optional<std::size_t> offset,
              std::string message, std::string hint, std::optional<Severity> severity = std::nullopt) const {
    reporter_(rule, offset.value_or(statement.source.offset), std::move(message), std::move(hint), severity);
  }

 private:
  const migrations::Pragmas& pragmas_;
  History& history_;
  FileState& file_;
  Reporter reporter_;
};

// The rule families (one file each); each looks at one statement before its effects are applied.
void check_indexes(const Statement& statement, Context& context);       // rules_indexes.cpp
void check_constraints(const Statement& statement, Context& context);   // rules_constraints.cpp
void check_columns(const Statement& statement, Context& context);       // rules_columns.cpp
void check_destructive(const Statement& statement, Context& context);   // rules_destructive.cpp
void check_transactions(const Statement& statement, Context& context);  // rules_transactions.cpp
void check_maintenance(const Statement& statement, Context& context);   // rules_maintenance.cpp
void check_style(const Statement& statement, Context& context);         // rules_style.cpp

// Records what the statement creates, changes or drops (effects.cpp).
void apply_effects(const Statement& statement, Context& context);

}  // namespace strata::lint
