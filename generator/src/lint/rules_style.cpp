// Opt-in schema style rules (strata lint --enable ...): prefer-bigint, prefer-timestamptz,
// prefer-identity, ban-char. They judge the declared types, not how the migration runs.
#include "context.h"

namespace strata::lint {
namespace {

using namespace ast;

void column_type(const Statement& statement, Context& context, const std::string& column, const Json& type_name) {
  const Type type = type_of(type_name);
  const auto at = location(type_name);
  if (type.base == "int4" || type.base == "int2" || type.base == "serial" || type.base == "smallserial") {
    context.report(statement, "prefer-bigint", at,
                   "column " + column + " is " + type.text() + ": 32-bit (or smaller) keys and counters run out, and "
                   "widening them later rewrites the table",
                   "use bigint (bigserial / bigint identity for keys)");
  }
  if (type.base == "timestamp") {
    context.report(statement, "prefer-timestamptz", at,
                   "column " + column + " is timestamp without time zone: values depend on the writer's time zone",
                   "use timestamptz");
  }
  if (type.base == "serial" || type.base == "bigserial" || type.base == "smallserial") {
    context.report(statement, "prefer-identity", at,
                   "column " + column + " is " + type.base + ": the sequence is a separate object with its own "
                   "ownership and permissions",
                   "use `bigint GENERATED ALWAYS AS IDENTITY`");
  }
  if (type.base == "bpchar") {
    context.report(statement, "ban-char", at,
                   "column " + column + " is " + type.text() + ": char(n) pads with spaces and compares in surprising ways",
                   "use text (with a CHECK on length if needed) or varchar(n)");
  }
}

}  // namespace

void check_style(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  if (statement.type == "CreateStmt") {
    const std::string table = display(relation_name(field(node, "relation")));
    for (const auto& element : list(node, "tableElts")) {
      if (kind(element) != "ColumnDef") continue;
      const auto& column = body(element);
      if (!field(column, "typeName").is_null()) column_type(statement, context, table + "." + text(column, "colname"), field(column, "typeName"));
    }
  } else if (statement.type == "AlterTableStmt") {
    const std::string table = display(relation_name(field(node, "relation")));
    for (const auto& item : list(node, "cmds")) {
      const auto& command = body(item);
      const std::string subtype = text(command, "subtype");
      if (subtype != "AT_AddColumn" && subtype != "AT_AlterColumnType") continue;
      const auto& column = body(field(command, "def"));
      const std::string name = subtype == "AT_AddColumn" ? text(column, "colname") : text(command, "name");
      column_type(statement, context, table + "." + name, field(column, "typeName"));
    }
  }
}

}  // namespace strata::lint
