// Statements inside `DO $$ ... $$` blocks: hand-written migrations often wrap DDL in PL/pgSQL
// (IF column exists THEN ALTER TABLE ...). PostgreSQL's PL/pgSQL parser (libpg_query) finds the
// SQL statements in the body; each is parsed and placed at its own file:line:col. Dynamic SQL
// (EXECUTE '...') cannot be seen.
#include "do_blocks.h"

#include <pg_query.h>

namespace strata::lint {
namespace {

using Json = nlohmann::json;

// Every "location" in a tree parsed from a substring, moved to the position in the whole file.
void shift_locations(Json& node, std::size_t base) {
  if (node.is_array()) {
    for (auto& item : node) shift_locations(item, base);
  } else if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      if (key == "location" && value.is_number_integer() && value.get<long long>() >= 0) {
        value = value.get<std::size_t>() + base;
      } else {
        shift_locations(value, base);
      }
    }
  }
}

void collect_statements(const Json& node, std::vector<std::pair<int, std::string>>& out) {
  if (node.is_array()) {
    for (const auto& item : node) collect_statements(item, out);
    return;
  }
  if (!node.is_object()) return;
  if (node.size() == 1 && node.begin().key() == "PLpgSQL_stmt_execsql") {
    const auto& statement = node.begin().value();
    const auto& expression = statement.value("sqlstmt", Json::object()).value("PLpgSQL_expr", Json::object());
    out.emplace_back(statement.value("lineno", 1), expression.value("query", ""));
    return;
  }
  for (const auto& [key, value] : node.items()) collect_statements(value, out);
}

std::size_t line_offset(const std::string& text, std::size_t start, int line) {
  std::size_t offset = start;
  for (int i = 1; i < line; ++i) {
    const auto newline = text.find('\n', offset);
    if (newline == std::string::npos) return offset;
    offset = newline + 1;
  }
  return offset;
}

}  // namespace

std::vector<EmbeddedStatement> statements_in_do_block(const std::string& file_text, const Json& do_statement) {
  std::vector<EmbeddedStatement> out;
  std::string body;
  std::size_t body_search_from = 0;
  for (const auto& arg : do_statement.value("args", Json::array())) {
    const auto& element = arg.value("DefElem", Json::object());
    const std::string name = element.value("defname", "");
    const auto& value = element.value("arg", Json::object()).value("String", Json::object());
    if (name == "language" && value.value("sval", "") != "plpgsql") return out;
    if (name == "as") {
      body = value.value("sval", "");
      body_search_from = element.value("location", std::size_t{0});
    }
  }
  if (body.empty()) return out;
  const auto body_offset = file_text.find(body, body_search_from);
  if (body_offset == std::string::npos) return out;  // a quoted body with escapes: not verbatim

  const std::string function = "CREATE FUNCTION strata_lint_do() RETURNS void LANGUAGE plpgsql AS $strata_lint$" +
                               body + "$strata_lint$";
  PgQueryPlpgsqlParseResult parsed = pg_query_parse_plpgsql(function.c_str());
  if (parsed.error) {
    pg_query_free_plpgsql_parse_result(parsed);
    return out;
  }
  const auto functions = Json::parse(parsed.plpgsql_funcs);
  pg_query_free_plpgsql_parse_result(parsed);

  std::vector<std::pair<int, std::string>> queries;
  collect_statements(functions, queries);
  for (const auto& [line, query] : queries) {
    const auto line_start = line_offset(file_text, body_offset, line);
    auto at = file_text.find(query, line_start);
    if (at == std::string::npos || at > body_offset + body.size()) continue;  // SELECT ... INTO is rewritten
    PgQueryParseResult result = pg_query_parse(query.c_str());
    if (result.error) {
      pg_query_free_parse_result(result);
      continue;
    }
    auto tree = Json::parse(result.parse_tree);
    pg_query_free_parse_result(result);
    for (auto& raw : tree.value("stmts", Json::array())) {
      auto statement = raw["stmt"];
      if (!statement.is_object() || statement.empty()) continue;
      shift_locations(statement, at);
      out.push_back({at, query, std::move(statement)});
    }
  }
  return out;
}

}  // namespace strata::lint
