// column-type-change, volatile-default, not-null-without-default, add-serial-column,
// stored-generated-column.
#include "context.h"
#include "facts.h"

namespace strata::lint {
namespace {

using namespace ast;

bool is_serial(const Type& type) {
  return type.array_dimensions == 0 && (type.base == "serial" || type.base == "bigserial" || type.base == "smallserial");
}

const char* kExpandContract =
    "expand/contract: add a new column, fill it in batches (and keep it in sync with a trigger or the app), "
    "switch the app over, then drop the old column";

void add_column(const Statement& statement, Context& context, const std::string& table, const Json& column) {
  const std::string name = display(table) + "." + text(column, "colname");
  const Type type = type_of(field(column, "typeName"));
  const Json* default_expression = nullptr;
  const Json* identity = nullptr;
  const Json* generated = nullptr;
  const Json* not_null = nullptr;
  for (const auto& item : list(column, "constraints")) {
    const auto& constraint = body(item);
    const std::string contype = text(constraint, "contype");
    if (contype == "CONSTR_DEFAULT") default_expression = &field(constraint, "raw_expr");
    else if (contype == "CONSTR_IDENTITY") identity = &constraint;
    else if (contype == "CONSTR_GENERATED") generated = &constraint;
    else if (contype == "CONSTR_NOTNULL" || contype == "CONSTR_PRIMARY") not_null = &constraint;
  }
  const auto column_location = location(column);

  if (is_serial(type) || identity) {
    context.report(statement, "add-serial-column", identity ? location(*identity) : location(field(column, "typeName")),
                   "adding " + std::string(identity ? "identity" : type.base) + " column " + name +
                       " to an existing table writes a new value into every row: the table is rewritten under an "
                       "ACCESS EXCLUSIVE lock",
                   "add a nullable bigint column, attach the sequence as its default for new rows, fill the old rows "
                   "in batches, then add NOT NULL (see set-not-null-without-check)");
    return;
  }
  if (generated) {
    context.report(statement, "stored-generated-column", location(*generated),
                   "adding stored generated column " + name + " computes it for every row: the table is rewritten "
                   "under an ACCESS EXCLUSIVE lock",
                   "add a plain column filled by a trigger for new rows, backfill the old rows in batches; or accept "
                   "the rewrite on a small table with `-- strata:approved <reason>`");
    return;
  }
  if (default_expression) {
    const auto volatility = default_volatility(*default_expression, context.history());
    if (volatility.volatility == Volatility::Volatile) {
      context.report(statement, "volatile-default", volatility.location.value_or(column_location.value_or(statement.source.offset)),
                     "column " + name + " is added with volatile default " + volatility.function +
                         ": PostgreSQL evaluates it for every row and rewrites the table under an ACCESS EXCLUSIVE lock",
                     "add the column without the default (or with a constant one), set the volatile default with "
                     "ALTER COLUMN ... SET DEFAULT (new rows only), then fill the old rows in batches");
    } else if (volatility.volatility == Volatility::Unknown) {
      context.report(statement, "volatile-default", volatility.location.value_or(column_location.value_or(statement.source.offset)),
                     "column " + name + " is added with default " + volatility.function +
                         ", whose volatility strata lint does not know: if it is VOLATILE, the table is rewritten "
                         "under an ACCESS EXCLUSIVE lock",
                     "if the function is STABLE or IMMUTABLE the default costs nothing; say so with "
                     "`-- strata:lint-ignore volatile-default <reason>`",
                     Severity::Warning);
    }
    return;
  }
  if (not_null) {
    context.report(statement, "not-null-without-default", location(*not_null).value_or(column_location.value_or(statement.source.offset)),
                   "NOT NULL column " + name + " is added without a default: the migration fails on a table that "
                   "has rows",
                   "give it a constant DEFAULT (PostgreSQL 11+ stores it once, no rewrite), or add it nullable, "
                   "backfill, then add NOT NULL (see set-not-null-without-check)");
  }
}

void alter_type(const Statement& statement, Context& context, const std::string& table, const Json& command) {
  const std::string column = text(command, "name");
  const auto& definition = body(field(command, "def"));
  const Type to = type_of(field(definition, "typeName"));
  const bool has_using = !field(definition, "raw_default").is_null();
  const bool has_collation = !field(definition, "collClause").is_null();
  const ColumnInfo* current = context.history().column(table, column);
  const std::string name = display(table) + "." + column;
  const bool metadata_only = current && !has_using && type_change_is_metadata_only(current->type, to);
  if (metadata_only && !has_collation) return;
  if (metadata_only) {
    context.report(statement, "column-type-change", location(definition),
                   "changing the collation of " + name + " rebuilds every index that uses the column under an "
                   "ACCESS EXCLUSIVE lock (the table itself is not rewritten)",
                   "build the new indexes CONCURRENTLY with an explicit COLLATE first, or accept the rebuild on a "
                   "small table with `-- strata:lint-ignore column-type-change <reason>`");
    return;
  }
  if (current) {
    const std::string change = current->type == to ? "converting " + name + " to the " + to.text() + " type created again"
                                                   : "changing " + name + " from " + current->type.text() + " to " + to.text();
    context.report(statement, "column-type-change", location(definition),
                   change + (has_using ? " with USING" : "") + (has_collation ? " with a new collation" : "") +
                       " rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock "
                       "(and breaks app code that relies on the old type)",
                   kExpandContract);
    return;
  }
  if (has_using) {
    context.report(statement, "column-type-change", location(definition),
                   "changing " + name + " to " + to.text() + " with USING computes every row again: the table is "
                   "rewritten and its indexes rebuilt under an ACCESS EXCLUSIVE lock",
                   kExpandContract);
    return;
  }
  context.report(statement, "column-type-change", location(definition),
                 "changing " + name + " to " + to.text() +
                     " rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, unless the "
                     "change is binary-compatible; strata lint cannot tell: the column was not created by the "
                     "linted migrations, so its current type is unknown",
                 "no rewrite only for varchar(n) to varchar(m >= n) or text, text to varchar, numeric(p,s) to "
                 "numeric(q >= p,s), a wider timestamp/time precision, cidr to inet; if that is the case, say so "
                 "with `-- strata:lint-ignore column-type-change <old type>, no rewrite`; otherwise " +
                     std::string(kExpandContract));
}

}  // namespace

void check_columns(const Statement& statement, Context& context) {
  if (statement.type != "AlterTableStmt" || text(statement.node, "objtype") != "OBJECT_TABLE") return;
  const std::string table = relation_name(field(statement.node, "relation"));
  if (context.is_new_table(table)) return;
  for (const auto& item : list(statement.node, "cmds")) {
    const auto& command = body(item);
    const std::string subtype = text(command, "subtype");
    if (subtype == "AT_AddColumn") add_column(statement, context, table, body(field(command, "def")));
    else if (subtype == "AT_AlterColumnType") alter_type(statement, context, table, command);
  }
}

}  // namespace strata::lint
