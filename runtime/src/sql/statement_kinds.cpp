// Which statements must be sent on their own (sql::runs_alone).
#include <algorithm>
#include <cctype>
#include <set>

#include "strata/sql_source.h"

namespace strata::sql {
namespace {

bool mentions_concurrently(const std::string& sql) {
  std::string upper(sql.size(), ' ');
  std::transform(sql.begin(), sql.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper.find("CONCURRENTLY") != std::string::npos;
}

}  // namespace

bool runs_alone(const Statement& statement) {
  static const std::set<std::string> kinds = {
      "",                 "TransactionStmt",       "CreatedbStmt",          "DropdbStmt",
      "AlterDatabaseStmt", "VacuumStmt",           "CreateTableSpaceStmt",  "DropTableSpaceStmt",
      "AlterSystemStmt",  "ReindexStmt",           "CopyStmt",              "CreateRoleStmt",
      "CreateSubscriptionStmt", "AlterSubscriptionStmt", "DropSubscriptionStmt", "DiscardStmt",
      "ClusterStmt",      "AlterEnumStmt",         "CallStmt",              "CheckPointStmt",
      "LoadStmt"};
  if (kinds.count(statement.node_type) || !statement.created_role.empty()) return true;
  return (statement.node_type == "IndexStmt" || statement.node_type == "DropStmt") && mentions_concurrently(statement.sql);
}

bool refuses_transaction_block(const Statement& statement) {
  static const std::set<std::string> kinds = {"CreatedbStmt", "DropdbStmt", "VacuumStmt", "CreateTableSpaceStmt",
                                              "DropTableSpaceStmt", "AlterSystemStmt", "CreateSubscriptionStmt",
                                              "DropSubscriptionStmt"};
  if (kinds.count(statement.node_type)) return true;
  static const std::set<std::string> concurrent_kinds = {"IndexStmt", "DropStmt", "ReindexStmt", "AlterTableStmt"};
  return concurrent_kinds.count(statement.node_type) && mentions_concurrently(statement.sql);
}

}  // namespace strata::sql
