// index-not-concurrent, drop-index-not-concurrent, concurrently-in-transaction.
#include "context.h"

namespace strata::lint {
namespace {

using namespace ast;

const char* kNoTransactionHint =
    "put it in its own migration that starts with `-- strata:no-transaction` (strata generate writes "
    "such a *_online.sql file for you)";

void create_index(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  const auto& relation = field(node, "relation");
  const std::string table = relation_name(relation);
  if (flag(node, "concurrent")) {
    if (!context.no_transaction()) {
      context.report(statement, "concurrently-in-transaction", {},
                     "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and this file runs in one",
                     kNoTransactionHint);
    }
    return;
  }
  if (context.is_new_table(table)) return;
  const TableInfo* info = context.history().table(table);
  // CREATE INDEX ... ON ONLY <partitioned table> only creates the (invalid) parent index.
  if (!flag(relation, "inh") && (!info || info->partitioned)) return;
  const std::string name = text(node, "idxname");
  const std::string what = flag(node, "unique") ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
  std::string hint;
  if (info && info->partitioned) {
    hint = display(table) + " is partitioned, and PostgreSQL cannot build an index on it concurrently: create it "
           "with `ON ONLY " + display(table) + "`, build the index of every partition CONCURRENTLY, then "
           "`ALTER INDEX ... ATTACH PARTITION` each one";
  } else {
    hint = "use CREATE INDEX CONCURRENTLY; " + std::string(kNoTransactionHint);
  }
  context.report(statement, "index-not-concurrent", {},
                 what + (name.empty() ? "" : " " + name) + " on existing table " + display(table) +
                     " blocks every write to it (SHARE lock) until the whole index is built",
                 hint);
}

void drop_index(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  if (flag(node, "concurrent")) {
    if (!context.no_transaction()) {
      context.report(statement, "concurrently-in-transaction", {},
                     "DROP INDEX CONCURRENTLY cannot run inside a transaction block, and this file runs in one",
                     kNoTransactionHint);
    }
    return;
  }
  std::vector<std::string> existing;
  bool partitioned = false;
  for (const auto& object : list(node, "objects")) {
    const std::string index = object_name(strings(list(body(object), "items")));
    if (context.file().created_indexes.count(index)) continue;
    const std::string table = context.table_of_index(index);
    if (!table.empty() && context.is_new_table(table)) continue;
    if (const TableInfo* info = context.history().table(table); info && info->partitioned) partitioned = true;
    existing.push_back(display(index));
  }
  if (existing.empty()) return;
  std::string names;
  for (const auto& name : existing) names += (names.empty() ? "" : ", ") + name;
  context.report(statement, "drop-index-not-concurrent", {},
                 "DROP INDEX " + names + " takes an ACCESS EXCLUSIVE lock on its table: while it waits for "
                 "running queries, every new query on the table waits behind it",
                 partitioned ? std::string("PostgreSQL cannot drop an index of a partitioned table concurrently: "
                                           "set lock_timeout and retry, at a quiet time")
                             : "use DROP INDEX CONCURRENTLY; " + std::string(kNoTransactionHint));
}

}  // namespace

void check_indexes(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  if (statement.type == "IndexStmt") {
    create_index(statement, context);
  } else if (statement.type == "DropStmt" && text(node, "removeType") == "OBJECT_INDEX") {
    drop_index(statement, context);
  } else if (statement.type == "ReindexStmt") {
    for (const auto& param : list(node, "params")) {
      if (text(body(param), "defname") == "concurrently" && !context.no_transaction()) {
        context.report(statement, "concurrently-in-transaction", {},
                       "REINDEX CONCURRENTLY cannot run inside a transaction block, and this file runs in one",
                       kNoTransactionHint);
      }
    }
  } else if (statement.type == "VacuumStmt" && flag(node, "is_vacuumcmd") && !context.no_transaction()) {
    context.report(statement, "concurrently-in-transaction", {},
                   "VACUUM cannot run inside a transaction block, and this file runs in one", kNoTransactionHint);
  } else if (statement.type == "AlterTableStmt" && !context.no_transaction()) {
    for (const auto& item : list(node, "cmds")) {
      const auto& command = body(item);
      if (text(command, "subtype") == "AT_DetachPartition" &&
          flag(body(field(command, "def")), "concurrent")) {
        context.report(statement, "concurrently-in-transaction", {},
                       "DETACH PARTITION CONCURRENTLY cannot run inside a transaction block, and this file runs in one",
                       kNoTransactionHint);
      }
    }
  }
}

}  // namespace strata::lint
