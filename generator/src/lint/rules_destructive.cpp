// drop-column, drop-table, drop-schema, drop-database, truncate, enum-value-removal,
// rename-column, rename-table: data loss, and changes the running application cannot survive.
#include <algorithm>

#include "context.h"

namespace strata::lint {
namespace {

using namespace ast;

const char* kContract =
    "expand/contract: first deploy app code that no longer uses it, then drop it in a migration marked "
    "`-- strata:destructive` (that approves the data loss)";

std::string quoted_list(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& label : labels) out += (out.empty() ? "'" : ", '") + label + "'";
  return out;
}

void destructive_alter_table(const Statement& statement, Context& context) {
  if (text(statement.node, "objtype") != "OBJECT_TABLE") return;
  const std::string table = relation_name(field(statement.node, "relation"));
  if (context.is_new_table(table)) return;
  for (const auto& item : list(statement.node, "cmds")) {
    const auto& command = body(item);
    if (text(command, "subtype") != "AT_DropColumn") continue;
    context.report(statement, "drop-column", {},
                   "dropping column " + display(table) + "." + text(command, "name") +
                       " loses its data, and running app code that reads or writes it fails",
                   kContract);
  }
}

void drop(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  const std::string type = text(node, "removeType");
  const bool cascade = text(node, "behavior") == "DROP_CASCADE";
  for (const auto& object : list(node, "objects")) {
    if (type == "OBJECT_TABLE") {
      const std::string table = object_name(strings(list(body(object), "items")));
      if (context.is_new_table(table)) continue;
      context.report(statement, "drop-table", {},
                     "dropping table " + display(table) + " loses its rows, and running app code that uses it fails" +
                         (cascade ? "; CASCADE also drops the views and foreign keys that depend on it" : ""),
                     kContract);
    } else if (type == "OBJECT_SCHEMA") {
      const std::string schema = text(body(object), "sval");
      if (context.file().created_schemas.count(schema)) continue;
      context.report(statement, "drop-schema", {},
                     "dropping schema " + schema +
                         (cascade ? " CASCADE drops every table in it with its rows"
                                  : " fails unless it is empty, and breaks app code that uses what was in it"),
                     kContract);
    } else if ((type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") && cascade) {
      const std::string name = object_name(strings(list(body(object), "names")));
      context.report(statement, "drop-column", location(object),
                     "DROP TYPE " + display(name) + " CASCADE drops every column of that type, with its data",
                     "drop (or convert) the columns that use the type explicitly first, so the data loss is visible; "
                     "mark the migration `-- strata:destructive`");
    }
  }
}

void rename(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  const std::string type = text(node, "renameType");
  const auto& relation = field(node, "relation");
  if (relation.is_null()) return;
  const std::string table = relation_name(relation);
  if (context.is_new_table(table)) return;
  if (type == "OBJECT_COLUMN") {
    context.report(statement, "rename-column", {},
                   "renaming column " + display(table) + "." + text(node, "subname") + " to " + text(node, "newname") +
                       " breaks the running app: its queries still use the old name until it is redeployed",
                   "expand/contract: add the new column, write both and backfill, switch reads, then drop the old "
                   "one; or, if app and migration really deploy together, `-- strata:approved <reason>`");
  } else if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" ||
             type == "OBJECT_FOREIGN_TABLE") {
    context.report(statement, "rename-table", {},
                   "renaming " + display(table) + " to " + text(node, "newname") +
                       " breaks the running app: its queries still use the old name until it is redeployed",
                   "expand/contract: rename the table and leave a view under the old name (simple views are "
                   "updatable) until no deployed code uses it; or `-- strata:approved <reason>`");
  }
}

void recreate_enum(const Statement& statement, Context& context) {
  const std::string name = object_name(strings(list(statement.node, "typeName")));
  const auto it = context.file().replaced_enums.find(name);
  if (it == context.file().replaced_enums.end()) return;
  const auto labels = strings(list(statement.node, "vals"));
  if (!it->second.labels) {
    context.report(statement, "enum-value-removal", {},
                   "enum " + display(name) + " is dropped (or renamed away) and created again in this file: any value "
                   "it had that is not in (" + quoted_list(labels) + ") is removed; strata lint cannot tell which, "
                   "the type was not created by the linted migrations",
                   "PostgreSQL cannot remove an enum value in place: rows holding it fail to convert and app code "
                   "writing it fails. Stop using the value first; if nothing can hold it any more, mark the "
                   "migration `-- strata:destructive`");
    return;
  }
  std::vector<std::string> removed;
  for (const auto& label : *it->second.labels) {
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) removed.push_back(label);
  }
  if (removed.empty()) return;
  context.report(statement, "enum-value-removal", {},
                 "enum " + display(name) + " is created again without " + quoted_list(removed) +
                     ": rows holding " + (removed.size() == 1 ? "it" : "them") +
                     " cannot be converted and running app code writing " + (removed.size() == 1 ? "it" : "them") +
                     " fails",
                 "stop writing the value(s) in the app, update the rows that hold them, then recreate the type in a "
                 "migration marked `-- strata:destructive`");
}

}  // namespace

void check_destructive(const Statement& statement, Context& context) {
  const auto& type = statement.type;
  const auto& node = statement.node;
  if (type == "AlterTableStmt") {
    destructive_alter_table(statement, context);
  } else if (type == "DropStmt") {
    drop(statement, context);
  } else if (type == "DropdbStmt") {
    context.report(statement, "drop-database", {}, "dropping database " + text(node, "dbname") + " loses all of its data",
                   "a migration should never do this; if it must, `-- strata:destructive`");
  } else if (type == "TruncateStmt") {
    std::vector<std::string> existing;
    for (const auto& relation : list(node, "relations")) {
      const std::string table = relation_name(relation);
      if (!context.is_new_table(table)) existing.push_back(display(table));
    }
    if (existing.empty()) return;
    std::string names;
    for (const auto& name : existing) names += (names.empty() ? "" : ", ") + name;
    context.report(statement, "truncate", {},
                   "TRUNCATE " + names + " deletes every row" +
                       (text(node, "behavior") == "DROP_CASCADE" ? " (CASCADE: also of every table referencing it)" : "") +
                       ", under an ACCESS EXCLUSIVE lock",
                   "delete the rows you mean in batches; if emptying the table is the point, mark the migration "
                   "`-- strata:destructive`");
  } else if (type == "RenameStmt") {
    rename(statement, context);
  } else if (type == "CreateEnumStmt") {
    recreate_enum(statement, context);
  } else if (type == "AlterEnumStmt" && !text(node, "oldVal").empty()) {
    const std::string name = object_name(strings(list(node, "typeName")));
    context.report(statement, "enum-value-removal", {},
                   "renaming value '" + text(node, "oldVal") + "' of enum " + display(name) + " to '" +
                       text(node, "newVal") + "' removes '" + text(node, "oldVal") +
                       "': running app code that writes or compares it breaks",
                   "add the new value, switch the app and the rows over, and stop using the old one; or, if app "
                   "and migration deploy together, `-- strata:approved <reason>`");
  } else if (type == "DeleteStmt") {
    const std::string table = relation_name(field(node, "relation"));
    if (table == "pg_catalog.pg_enum" || table == "public.pg_enum") {
      context.report(statement, "enum-value-removal", {},
                     "deleting from pg_enum removes enum values behind PostgreSQL's back: rows still holding them "
                     "become unreadable",
                     "recreate the type instead (rename it, create the new one, convert the columns, drop the old)");
    }
  }
}

}  // namespace strata::lint
