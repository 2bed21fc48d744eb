// The SQL statements of a `DO` block's PL/pgSQL body, parsed, with file positions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::lint {

struct EmbeddedStatement {
  std::size_t offset;    // byte offset of the statement in the file
  std::string sql;
  nlohmann::json tree;   // {"AlterTableStmt": {...}} with locations in file offsets
};

// `do_statement` is a DoStmt body from the file's parse tree.
std::vector<EmbeddedStatement> statements_in_do_block(const std::string& file_text, const nlohmann::json& do_statement);

}  // namespace strata::lint
