// transaction-statement, no-transaction-without-lock-timeout, require-lock-timeout.
#include "context.h"

namespace strata::lint {
namespace {

using namespace ast;

void add(std::vector<std::string>& out, const std::string& name) {
  if (!name.empty()) out.push_back(name);
}

void referenced_tables(const Json& constraint, std::vector<std::string>& out) {
  if (text(constraint, "contype") == "CONSTR_FOREIGN") add(out, relation_name(field(constraint, "pktable")));
}

// The table an index is on; "" for an index created in this file (its table is new, or the
// index is), and a description when the history does not know the index.
std::string table_of_index(const Context& context, const std::string& index) {
  if (context.file().created_indexes.count(index)) return "";
  const std::string table = context.table_of_index(index);
  return table.empty() ? "the table of index " + display(index) : table;
}

// ALTER TABLE subcommands that take at most SHARE UPDATE EXCLUSIVE: reads and writes go on while
// they wait for their lock.
bool light_alter_table_command(const Json& command) {
  const std::string subtype = text(command, "subtype");
  return subtype == "AT_ValidateConstraint" || subtype == "AT_SetStatistics" || subtype == "AT_ClusterOn" ||
         subtype == "AT_DropCluster" || subtype == "AT_SetRelOptions" || subtype == "AT_ResetRelOptions" ||
         subtype == "AT_AttachPartition" ||
         (subtype == "AT_DetachPartition" && flag(body(field(command, "def")), "concurrent"));
}

// The tables a statement locks strongly enough that, while it waits for the lock, the
// application's reads or writes on them queue behind it (SHARE and stronger).
std::vector<std::string> strongly_locked_tables(const Statement& statement, const Context& context) {
  const auto& node = statement.node;
  const auto& type = statement.type;
  std::vector<std::string> tables;
  if (type == "AlterTableStmt") {
    const std::string objtype = text(node, "objtype");
    const std::string relation = relation_name(field(node, "relation"));
    bool light = true;
    for (const auto& item : list(node, "cmds")) {
      const auto& command = body(item);
      if (!light_alter_table_command(command)) light = false;
      const auto& definition = field(command, "def");
      if (kind(definition) == "Constraint") referenced_tables(body(definition), tables);
      if (kind(definition) == "ColumnDef") {
        for (const auto& constraint : list(body(definition), "constraints")) referenced_tables(body(constraint), tables);
      }
    }
    if (!light) add(tables, objtype == "OBJECT_INDEX" ? table_of_index(context, relation) : relation);
  } else if (type == "IndexStmt") {
    if (!flag(node, "concurrent")) add(tables, relation_name(field(node, "relation")));
  } else if (type == "DropStmt") {
    const std::string remove = text(node, "removeType");
    for (const auto& object : list(node, "objects")) {
      const auto names = strings(list(body(object), "items"));
      if (remove == "OBJECT_TABLE" || remove == "OBJECT_VIEW" || remove == "OBJECT_MATVIEW") {
        add(tables, object_name(names));
      } else if (remove == "OBJECT_INDEX" && !flag(node, "concurrent")) {
        add(tables, table_of_index(context, object_name(names)));
      } else if ((remove == "OBJECT_TRIGGER" || remove == "OBJECT_POLICY" || remove == "OBJECT_RULE") && names.size() > 1) {
        add(tables, object_name(std::vector<std::string>(names.begin(), names.end() - 1)));
      }
    }
  } else if (type == "RenameStmt") {
    if (!field(node, "relation").is_null() && text(node, "renameType") != "OBJECT_INDEX") {
      add(tables, relation_name(field(node, "relation")));
    }
  } else if (type == "TruncateStmt" || type == "LockStmt") {
    for (const auto& relation : list(node, "relations")) add(tables, relation_name(relation));
  } else if (type == "ClusterStmt" || type == "CreateTrigStmt" || type == "RuleStmt") {
    if (!field(node, "relation").is_null()) add(tables, relation_name(field(node, "relation")));
  } else if (type == "CreatePolicyStmt" || type == "AlterPolicyStmt") {
    add(tables, relation_name(field(node, "table")));
  } else if (type == "VacuumStmt") {
    for (const auto& option : list(node, "options")) {
      if (text(body(option), "defname") != "full") continue;
      for (const auto& relation : list(node, "rels")) add(tables, relation_name(field(body(relation), "relation")));
    }
  } else if (type == "ReindexStmt") {
    bool concurrent = false;
    for (const auto& param : list(node, "params")) concurrent = concurrent || text(body(param), "defname") == "concurrently";
    if (!concurrent && !field(node, "relation").is_null()) {
      const std::string name = relation_name(field(node, "relation"));
      add(tables, text(node, "kind") == "REINDEX_OBJECT_INDEX" ? table_of_index(context, name) : name);
    }
  } else if (type == "CreateStmt") {
    for (const auto& element : list(node, "tableElts")) {
      if (kind(element) == "Constraint") referenced_tables(body(element), tables);
      if (kind(element) == "ColumnDef") {
        for (const auto& constraint : list(body(element), "constraints")) referenced_tables(body(constraint), tables);
      }
    }
    if (!field(node, "partbound").is_null()) {
      for (const auto& parent : list(node, "inhRelations")) add(tables, relation_name(parent));
    }
  } else if (type == "ViewStmt" && flag(node, "replace")) {
    add(tables, relation_name(field(node, "view")));
  }
  return tables;
}

void lock_timeout(const Statement& statement, Context& context) {
  auto& file = context.file();
  // strata's runner sets lock_timeout (SET LOCAL) for a transactional file; a no-transaction one
  // runs statement by statement, and another runner sets none at all.
  const bool checked = context.no_transaction() || file.other_runner;
  if (!checked || file.lock_timeout_set || file.lock_timeout_reported) return;
  for (const auto& table : strongly_locked_tables(statement, context)) {
    if (context.is_new_table(table)) continue;
    file.lock_timeout_reported = true;
    const std::string what = table.rfind("the table of", 0) == 0 ? table : "existing table " + display(table);
    const std::string queue = table.rfind("the table of", 0) == 0 ? std::string("it") : display(table);
    if (context.no_transaction()) {
      context.report(statement, "no-transaction-without-lock-timeout", {},
                     "this no-transaction file locks " + what +
                         " without a lock_timeout: while the statement waits for a long-running transaction, every "
                         "query on " + queue + " queues behind it",
                     "start the file with `SET lock_timeout = '5s';` (and retry on timeout); strata's runner sets "
                     "one itself, other tools and psql do not");
    } else {
      context.report(statement, "require-lock-timeout", {},
                     "this migration locks " + what + " without a lock_timeout, and its runner sets none (--assume-runner "
                     "other): while the statement waits for a long-running transaction, every query on " + queue +
                         " queues behind it",
                     "start the file with `SET LOCAL lock_timeout = '5s';` (and retry on timeout), or apply it with "
                     "strata migrate, which sets one");
    }
    return;
  }
}

}  // namespace

void check_transactions(const Statement& statement, Context& context) {
  if (statement.type == "TransactionStmt") {
    const std::string kind = text(statement.node, "kind");
    std::string word = kind.rfind("TRANS_STMT_", 0) == 0 ? kind.substr(11) : kind;
    for (auto& c : word) c = c == '_' ? ' ' : c;
    context.report(statement, "transaction-statement", {},
                   word + " inside a migration: strata runs each file in a transaction of its own (or statement by "
                   "statement with `-- strata:no-transaction`), and its runner refuses transaction control in a file",
                   "remove it; for statements that cannot run in a transaction, start the file with "
                   "`-- strata:no-transaction`");
    return;
  }
  lock_timeout(statement, context);
}

}  // namespace strata::lint
