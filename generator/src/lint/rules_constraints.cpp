// foreign-key-not-valid, check-not-valid, set-not-null-without-check,
// unique-without-concurrent-index, exclusion-constraint.
#include <algorithm>

#include "context.h"

namespace strata::lint {
namespace {

using namespace ast;

std::string named(const Json& constraint) {
  const std::string name = text(constraint, "conname");
  return name.empty() ? "" : " " + name;
}

void foreign_key(const Statement& statement, Context& context, const std::string& table, const Json& constraint,
                 const std::string& added_column) {
  const std::string referenced = relation_name(field(constraint, "pktable"));
  const TableInfo* info = context.history().table(table);
  std::string hint = "add it NOT VALID (a short lock, no scan), then `ALTER TABLE " + display(table) +
                     " VALIDATE CONSTRAINT ...` in a later or `-- strata:no-transaction` migration: validating "
                     "takes a lock that lets reads and writes go on";
  if (info && info->partitioned) {
    hint = display(table) + " is partitioned and PostgreSQL adds no NOT VALID foreign key to a partitioned table: "
           "add it NOT VALID to each partition and validate those first, then to " + display(table);
  }
  if (!added_column.empty()) {
    context.report(statement, "foreign-key-not-valid", location(constraint),
                   "column " + added_column + " is added with REFERENCES " + display(referenced) +
                       ": the new foreign key is validated against every row of " + display(table) +
                       " while writes to both tables are blocked",
                   "add the column first, then the foreign key NOT VALID, then VALIDATE CONSTRAINT in a later or "
                   "`-- strata:no-transaction` migration");
    return;
  }
  context.report(statement, "foreign-key-not-valid", location(constraint),
                 "foreign key" + named(constraint) + " on existing table " + display(table) + " checks every row " +
                     "while holding a SHARE ROW EXCLUSIVE lock on " + display(table) + " and " + display(referenced) +
                     ": writes to both stop until it is done",
                 hint);
}

void check(const Statement& statement, Context& context, const std::string& table, const Json& constraint,
           const std::string& added_column) {
  if (!added_column.empty()) {
    context.report(statement, "check-not-valid", location(constraint),
                   "column " + added_column + " is added with a CHECK: every row of existing table " + display(table) +
                       " is checked under the ACCESS EXCLUSIVE lock of ALTER TABLE",
                   "add the column first, then `ADD CONSTRAINT ... CHECK (...) NOT VALID`, then VALIDATE CONSTRAINT "
                   "in a later or `-- strata:no-transaction` migration");
    return;
  }
  context.report(statement, "check-not-valid", location(constraint),
                 "CHECK constraint" + named(constraint) + " on existing table " + display(table) +
                     " scans every row under an ACCESS EXCLUSIVE lock: reads and writes stop until it is done",
                 "add it NOT VALID, then `ALTER TABLE " + display(table) +
                     " VALIDATE CONSTRAINT ...` in a later or `-- strata:no-transaction` migration (a lock that "
                     "lets reads and writes go on)");
}

void unique(const Statement& statement, Context& context, const std::string& table, const Json& constraint,
            const std::string& added_column) {
  const bool primary = text(constraint, "contype") == "CONSTR_PRIMARY";
  const std::string what = primary ? "PRIMARY KEY" : "UNIQUE constraint";
  context.report(statement, "unique-without-concurrent-index", location(constraint),
                 what + named(constraint) + (added_column.empty() ? "" : " on new column " + added_column) +
                     " builds its index on existing table " + display(table) +
                     " under an ACCESS EXCLUSIVE lock: reads and writes stop until the index is built",
                 "build the index first with `CREATE UNIQUE INDEX CONCURRENTLY name ON " + display(table) +
                     " (...)` in a `-- strata:no-transaction` migration, then `ALTER TABLE " + display(table) +
                     " ADD CONSTRAINT ... " + (primary ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX name`" +
                     (primary ? " (its columns must already be NOT NULL, see set-not-null-without-check)" : ""));
}

void add_constraint(const Statement& statement, Context& context, const std::string& table, const Json& constraint,
                    const std::string& added_column = "") {
  const std::string contype = text(constraint, "contype");
  if (contype == "CONSTR_FOREIGN" && !flag(constraint, "skip_validation")) {
    foreign_key(statement, context, table, constraint, added_column);
  } else if (contype == "CONSTR_CHECK" && !flag(constraint, "skip_validation")) {
    check(statement, context, table, constraint, added_column);
  } else if ((contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY") && text(constraint, "indexname").empty()) {
    unique(statement, context, table, constraint, added_column);
  } else if (contype == "CONSTR_EXCLUSION") {
    context.report(statement, "exclusion-constraint", location(constraint),
                   "exclusion constraint" + named(constraint) + " on existing table " + display(table) +
                       " builds its index and checks every row under an ACCESS EXCLUSIVE lock",
                   "PostgreSQL has no NOT VALID or USING INDEX for exclusion constraints: add it while the table "
                   "is small or in a maintenance window, and approve that with `-- strata:approved <reason>`");
  }
}

void validate(const Statement& statement, Context& context, const std::string& table, const std::string& name,
              bool added_in_this_statement) {
  if (context.no_transaction()) return;
  if (!added_in_this_statement && !context.file().added_not_valid.count({table, name})) return;
  std::string rule = "check-not-valid";
  if (const TableInfo* info = context.history().table(table)) {
    if (auto it = info->constraints.find(name); it != info->constraints.end() && it->second.type == "foreign") {
      rule = "foreign-key-not-valid";
    }
  }
  context.report(statement, rule, {},
                 "VALIDATE CONSTRAINT " + name + " runs in the transaction that added it NOT VALID: the lock "
                 "ADD CONSTRAINT took on " + display(table) + " is held while every row is checked",
                 "validate it in a later migration, or one that starts with `-- strata:no-transaction` (strata "
                 "generate puts VALIDATE CONSTRAINT in the *_online.sql file)");
}

void set_not_null(const Statement& statement, Context& context, const std::string& table, const std::string& column) {
  const auto& history = context.history();
  if (const ColumnInfo* info = history.column(table, column); info && info->not_null) return;
  if (const TableInfo* info = history.table(table); info && info->has_validated_not_null_check(column)) return;
  context.report(statement, "set-not-null-without-check", {},
                 "SET NOT NULL on " + display(table) + "." + column + " scans every row under an ACCESS EXCLUSIVE "
                 "lock: reads and writes stop until it is done",
                 "first `ALTER TABLE " + display(table) + " ADD CONSTRAINT " + column + "_not_null CHECK (" + column +
                     " IS NOT NULL) NOT VALID`, then VALIDATE CONSTRAINT in a later or `-- strata:no-transaction` "
                     "migration; SET NOT NULL after that uses the validated check and skips the scan (PostgreSQL "
                     "12+), and the check can be dropped");
}

}  // namespace

void check_constraints(const Statement& statement, Context& context) {
  if (statement.type != "AlterTableStmt" || text(statement.node, "objtype") != "OBJECT_TABLE") return;
  const std::string table = relation_name(field(statement.node, "relation"));
  if (context.is_new_table(table)) return;
  std::vector<std::string> added_not_valid_here;
  for (const auto& item : list(statement.node, "cmds")) {
    const auto& command = body(item);
    const std::string subtype = text(command, "subtype");
    if (subtype == "AT_AddConstraint") {
      const auto& constraint = body(field(command, "def"));
      add_constraint(statement, context, table, constraint);
      if (flag(constraint, "skip_validation")) added_not_valid_here.push_back(text(constraint, "conname"));
    } else if (subtype == "AT_AddColumn") {
      const auto& column = body(field(command, "def"));
      for (const auto& constraint : list(column, "constraints")) {
        add_constraint(statement, context, table, body(constraint), text(column, "colname"));
      }
    } else if (subtype == "AT_ValidateConstraint") {
      const std::string name = text(command, "name");
      const bool here = std::find(added_not_valid_here.begin(), added_not_valid_here.end(), name) != added_not_valid_here.end();
      validate(statement, context, table, name, here);
    } else if (subtype == "AT_SetNotNull") {
      set_not_null(statement, context, table, text(command, "name"));
    }
  }
}

}  // namespace strata::lint
