// vacuum-full, cluster, reindex-not-concurrent, lock-table, table-rewrite,
// detach-partition-not-concurrent.
#include "context.h"

namespace strata::lint {
namespace {

using namespace ast;

const char* kRepack =
    "pg_repack (or pg_squeeze) rebuilds a table online; run maintenance outside migrations";

void vacuum(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  bool full = false;
  for (const auto& option : list(node, "options")) full = full || text(body(option), "defname") == "full";
  if (!full) return;
  std::string tables;
  for (const auto& relation : list(node, "rels")) {
    const std::string table = relation_name(field(body(relation), "relation"));
    if (context.is_new_table(table)) continue;
    tables += (tables.empty() ? "" : ", ") + display(table);
  }
  if (tables.empty() && !list(node, "rels").empty()) return;
  context.report(statement, "vacuum-full", {},
                 "VACUUM FULL " + (tables.empty() ? std::string("of the whole database") : tables) +
                     " rewrites every table it names under an ACCESS EXCLUSIVE lock",
                 kRepack);
}

void reindex(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  for (const auto& param : list(node, "params")) {
    if (text(body(param), "defname") == "concurrently") return;
  }
  const std::string kind_name = text(node, "kind");
  std::string target = field(node, "relation").is_null() ? text(node, "name") : display(relation_name(field(node, "relation")));
  if (kind_name == "REINDEX_OBJECT_TABLE" && context.is_new_table(relation_name(field(node, "relation")))) return;
  if (kind_name == "REINDEX_OBJECT_INDEX" && context.file().created_indexes.count(relation_name(field(node, "relation")))) return;
  context.report(statement, "reindex-not-concurrent", {},
                 "REINDEX " + target + " blocks writes to the table and reads that use the index until it is rebuilt",
                 "use REINDEX CONCURRENTLY (PostgreSQL 12+) in a `-- strata:no-transaction` migration");
}

void maintenance_alter_table(const Statement& statement, Context& context) {
  const auto& node = statement.node;
  if (text(node, "objtype") != "OBJECT_TABLE") return;
  const std::string table = relation_name(field(node, "relation"));
  if (context.is_new_table(table)) return;
  for (const auto& item : list(node, "cmds")) {
    const auto& command = body(item);
    const std::string subtype = text(command, "subtype");
    std::string what;
    if (subtype == "AT_SetLogged") what = "SET LOGGED";
    else if (subtype == "AT_SetUnLogged") what = "SET UNLOGGED";
    else if (subtype == "AT_SetTableSpace") what = "SET TABLESPACE";
    else if (subtype == "AT_SetAccessMethod") what = "SET ACCESS METHOD";
    if (!what.empty()) {
      context.report(statement, "table-rewrite", {},
                     what + " rewrites " + display(table) + " (and its indexes) under an ACCESS EXCLUSIVE lock",
                     "do it while the table is small, or in a maintenance window approved with "
                     "`-- strata:approved <reason>`");
    }
    if (subtype == "AT_DetachPartition" && !flag(body(field(command, "def")), "concurrent")) {
      context.report(statement, "detach-partition-not-concurrent", {},
                     "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on " + display(table) +
                         ": while it waits, every query on the partitioned table queues behind it",
                     "use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) in a `-- strata:no-transaction` migration");
    }
  }
}

}  // namespace

void check_maintenance(const Statement& statement, Context& context) {
  const auto& type = statement.type;
  const auto& node = statement.node;
  if (type == "VacuumStmt") {
    vacuum(statement, context);
  } else if (type == "ClusterStmt") {
    if (!field(node, "relation").is_null() && context.is_new_table(relation_name(field(node, "relation")))) return;
    const std::string target = field(node, "relation").is_null() ? std::string("every clustered table")
                                                                 : display(relation_name(field(node, "relation")));
    context.report(statement, "cluster", {}, "CLUSTER rewrites " + target + " under an ACCESS EXCLUSIVE lock", kRepack);
  } else if (type == "ReindexStmt") {
    reindex(statement, context);
  } else if (type == "LockStmt") {
    std::string tables;
    for (const auto& relation : list(node, "relations")) {
      const std::string table = relation_name(relation);
      if (!context.is_new_table(table)) tables += (tables.empty() ? "" : ", ") + display(table);
    }
    if (tables.empty()) return;
    context.report(statement, "lock-table", {},
                   "LOCK TABLE " + tables + " holds the lock until the end of the transaction: everything after it "
                   "in this file runs while the application waits",
                   "keep the locked part short; rely on the locks the statements take themselves where possible");
  } else if (type == "AlterTableStmt") {
    maintenance_alter_table(statement, context);
  }
}

}  // namespace strata::lint
