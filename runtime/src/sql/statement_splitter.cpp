// Splitting SQL files into statements with PostgreSQL's own grammar (libpg_query), so that
// dollar quoting, nested comments, BEGIN ATOMIC bodies and every other lexical rule are exactly
// PostgreSQL's. The parse tree also tells which roles a statement names.
#include <pg_query.h>

#include <nlohmann/json.hpp>

#include "strata/sql_source.h"

namespace strata::sql {
namespace {

// Where the first token of a statement starts: skips whitespace, -- and (nested) /* */ comments.
std::size_t skip_space_and_comments(const std::string& text, std::size_t pos, std::size_t end) {
  while (pos < end) {
    const char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos;
    } else if (c == '-' && pos + 1 < end && text[pos + 1] == '-') {
      while (pos < end && text[pos] != '\n') ++pos;
    } else if (c == '/' && pos + 1 < end && text[pos + 1] == '*') {
      int depth = 0;
      do {
        if (text.compare(pos, 2, "/*") == 0) { ++depth; pos += 2; }
        else if (text.compare(pos, 2, "*/") == 0) { --depth; pos += 2; }
        else ++pos;
      } while (depth > 0 && pos < end);
    } else {
      break;
    }
  }
  return pos;
}

// Trailing whitespace and the terminating ';' are not part of the statement.
std::size_t trim_end(const std::string& text, std::size_t begin, std::size_t end) {
  while (end > begin) {
    const char c = text[end - 1];
    if (c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r') --end;
    else break;
  }
  return end;
}

void collect_roles(const nlohmann::json& node, std::vector<std::string>& roles) {
  if (node.is_object()) {
    // A RoleSpec is wrapped as {"RoleSpec": {...}} inside lists but appears bare in typed
    // fields (AlterOwnerStmt.newowner), so match on its own fields.
    if (node.value("roletype", "") == "ROLESPEC_CSTRING" && node.contains("rolename")) {
      roles.push_back(node["rolename"].get<std::string>());
    }
    for (const auto& [key, value] : node.items()) collect_roles(value, roles);
  } else if (node.is_array()) {
    for (const auto& value : node) collect_roles(value, roles);
  }
}

// psql meta-commands are not SQL. pg_dump >= 15.14 writes \restrict / \unrestrict around its
// output; they only matter to psql, so they are blanked (keeping every offset). Any other
// meta-command would change what the file means under psql, so it is refused.
std::string blank_meta_commands(const SourceFile& file) {
  std::string text = file.text;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    if (text[line_start] == '\\') {
      const std::string line = text.substr(line_start, line_end - line_start);
      if (line.rfind("\\restrict", 0) == 0 || line.rfind("\\unrestrict", 0) == 0) {
        std::fill(text.begin() + static_cast<std::ptrdiff_t>(line_start),
                  text.begin() + static_cast<std::ptrdiff_t>(line_end), ' ');
      } else {
        throw SqlError(locate(file.path, file.text, line_start),
                          "psql meta-command '" + line.substr(0, line.find(' ')) +
                              "' is not supported in a schema file (plain SQL only)");
      }
    }
    line_start = line_end + 1;
  }
  return text;
}

Statement make_statement(IncrementalLocator& locator, const std::string& text, std::size_t begin, std::size_t end) {
  begin = skip_space_and_comments(text, begin, end);
  end = trim_end(text, begin, end);
  Statement statement;
  statement.sql = text.substr(begin, end - begin);
  statement.offset = begin;
  statement.location = locator.at(begin);
  return statement;
}

std::vector<Statement> split_with_scanner(const SourceFile& file, const std::string& text) {
  PgQuerySplitResult result = pg_query_split_with_scanner(text.c_str());
  std::vector<Statement> statements;
  IncrementalLocator locator(file.path, file.text);
  if (!result.error) {
    for (int i = 0; i < result.n_stmts; ++i) {
      const auto begin = static_cast<std::size_t>(result.stmts[i]->stmt_location);
      const auto end = begin + static_cast<std::size_t>(result.stmts[i]->stmt_len);
      Statement statement = make_statement(locator, text, begin, end);
      if (!statement.sql.empty()) statements.push_back(std::move(statement));
    }
  }
  pg_query_free_split_result(result);
  return statements;
}

}  // namespace

std::vector<Statement> split_statements(const SourceFile& file) {
  const std::string text = blank_meta_commands(file);
  PgQueryParseResult result = pg_query_parse(text.c_str());
  if (result.error) {
    // PostgreSQL will report the syntax error with its own message and position when the
    // statement is executed; the scanner still splits the file correctly around it.
    pg_query_free_parse_result(result);
    return split_with_scanner(file, text);
  }
  const auto tree = nlohmann::json::parse(result.parse_tree);
  pg_query_free_parse_result(result);

  std::vector<Statement> statements;
  IncrementalLocator locator(file.path, file.text);
  for (const auto& raw : tree.value("stmts", nlohmann::json::array())) {
    const auto begin = raw.value("stmt_location", std::size_t{0});
    const auto length = raw.value("stmt_len", std::size_t{0});
    const auto end = length == 0 ? text.size() : begin + length;
    Statement statement = make_statement(locator, text, begin, end);
    if (statement.sql.empty()) continue;
    if (const auto& node = raw["stmt"]; node.is_object() && !node.empty()) {
      statement.node_type = node.begin().key();
      collect_roles(node, statement.roles);
      if (statement.node_type == "TransactionStmt") statement.transaction_kind = node.begin()->value("kind", "");
      if (statement.node_type == "CreateRoleStmt") statement.created_role = node.begin()->value("role", "");
    }
    statements.push_back(std::move(statement));
  }
  return statements;
}

std::vector<std::string> referenced_roles(const std::string& sql) {
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  std::vector<std::string> roles;
  if (!result.error) collect_roles(nlohmann::json::parse(result.parse_tree), roles);
  pg_query_free_parse_result(result);
  return roles;
}

}  // namespace strata::sql
