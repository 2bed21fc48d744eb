// Query files -> queries: annotations, hints, parameters, and the text sent to PostgreSQL.
#include <algorithm>
#include <cctype>
#include <optional>
#include <sstream>
#include <map>
#include <regex>
#include <set>

#include "strata/queries.h"
#include "tokens.h"

namespace strata::queries {
namespace {

namespace fs = std::filesystem;
using detail::Token;

[[noreturn]] void fail(const sql::SourceFile& file, std::size_t offset, const std::string& message,
                       const std::string& hint = {}) {
  throw sql::SqlError(sql::locate(file.path, file.text, offset), message, {}, {}, {}, hint);
}

// Words that end the condition a parameter stands in, to its left: the predicate starts after
// them, and the parameter is in a condition.
const std::set<std::string>& condition_starts() {
  static const std::set<std::string> words{"WHERE", "AND", "OR", "ON", "HAVING", "WHEN"};
  return words;
}

// Words that end a predicate on either side without making it a condition (a value list, a
// select list, an assignment).
const std::set<std::string>& clause_words() {
  static const std::set<std::string> words{
      "SELECT", "SET",   "VALUES", "RETURNING", "FROM",   "BY",        "LIMIT",   "OFFSET", "THEN", "ELSE",
      "END",    "JOIN",  "INNER",  "LEFT",      "RIGHT",  "FULL",      "CROSS",   "NATURAL", "USING", "AS",
      "ORDER",  "GROUP", "WINDOW", "UNION",     "EXCEPT", "INTERSECT", "FOR",     "FETCH",  "INTO", "DO",
      "WHERE",  "ON",    "HAVING", "WHEN",      "AND",    "OR"};
  return words;
}

bool is_word(const Token& token, const std::set<std::string>& words) {
  return token.kind == Token::Kind::word && words.count(token.word) > 0;
}

// The ANDs of BETWEEN x AND y: not the boundaries of a predicate.
std::vector<bool> between_ands(const std::vector<Token>& tokens) {
  std::vector<bool> marked(tokens.size(), false);
  std::map<int, int> pending;  // depth -> BETWEENs waiting for their AND
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != Token::Kind::word) continue;
    if (tokens[i].word == "BETWEEN") ++pending[tokens[i].depth];
    if (tokens[i].word == "AND" && pending[tokens[i].depth] > 0) {
      --pending[tokens[i].depth];
      marked[i] = true;
    }
  }
  return marked;
}

// Is the opening parenthesis at `open` the start of a condition (WHERE (..., AND (..., ((...)?
bool opens_condition(const std::vector<Token>& tokens, std::size_t open) {
  if (open == 0) return false;
  const auto& before = tokens[open - 1];
  if (before.kind == Token::Kind::open) return opens_condition(tokens, open - 1);
  return is_word(before, condition_starts()) || (before.kind == Token::Kind::word && before.word == "NOT");
}

// The predicate an optional parameter at token `at` stands in: its first and last token, when
// the parameter is in a condition.
std::optional<std::pair<std::size_t, std::size_t>> predicate_of(const std::vector<Token>& tokens,
                                                                 const std::vector<bool>& between, std::size_t at) {
  const int depth = tokens[at].depth;
  std::size_t first = 0;
  bool condition = false;
  for (std::size_t j = at; j-- > 0;) {
    const auto& token = tokens[j];
    if (token.depth < depth) {  // the parenthesis it is in
      first = j + 1;
      condition = opens_condition(tokens, j);
      break;
    }
    if (token.depth > depth) continue;
    if (token.kind == Token::Kind::comma || token.kind == Token::Kind::semicolon) return std::nullopt;
    if (is_word(token, condition_starts()) && !between[j]) {
      first = j + 1;
      condition = true;
      break;
    }
    if (is_word(token, clause_words()) && !between[j]) return std::nullopt;
  }
  if (!condition) return std::nullopt;
  std::size_t last = tokens.size() - 1;
  for (std::size_t j = at + 1; j < tokens.size(); ++j) {
    const auto& token = tokens[j];
    if (token.depth > depth) continue;
    if (token.depth < depth || token.kind == Token::Kind::comma || token.kind == Token::Kind::semicolon ||
        (is_word(token, clause_words()) && !between[j])) {
      last = j - 1;
      break;
    }
  }
  return std::make_pair(first, last);
}

// Rewrites the statement's parameters: @name -> $n, predicates of optional ones guarded.
void rewrite_parameters(const sql::SourceFile& file, Query& query) {
  const std::string& text = query.statement.sql;
  const auto tokens = detail::tokenize(text);
  const auto between = between_ands(tokens);
  std::map<std::string, std::size_t> numbers;  // name -> $n
  bool positional = false;
  for (const auto& token : tokens) {
    if (token.kind == Token::Kind::positional_parameter) {
      positional = true;
      const auto n = static_cast<std::size_t>(std::stoul(token.word));
      if (n == 0) fail(file, query.statement.offset + token.begin, "there is no parameter $0");
      if (query.parameters.size() < n) query.parameters.resize(n);
      query.parameters[n - 1].name = "p" + token.word;
    } else if (token.kind == Token::Kind::named_parameter) {
      auto [it, added] = numbers.emplace(token.word, query.parameters.size() + 1);
      if (added) query.parameters.push_back(Parameter{token.word, false, {}});
      if (token.optional) query.parameters[it->second - 1].optional = true;
    }
  }
  if (positional && !numbers.empty()) {
    fail(file, query.statement.offset, "query " + query.name + " mixes $n and @name parameters",
         "use one kind in a query: named parameters become the C++ parameter names");
  }
  for (std::size_t i = 0; i < query.parameters.size(); ++i) {
    if (query.parameters[i].name.empty()) query.parameters[i].name = "p" + std::to_string(i + 1);
  }

  // Predicates to guard: first token -> (last token, the parameters that make it optional).
  std::map<std::size_t, std::pair<std::size_t, std::set<std::size_t>>> guarded;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != Token::Kind::named_parameter || !tokens[i].optional) continue;
    const auto predicate = predicate_of(tokens, between, i);
    if (!predicate) continue;  // not in a condition: just a value that may be NULL
    auto& entry = guarded[predicate->first];
    if (!entry.second.empty() && entry.first != predicate->second) {
      fail(file, query.statement.offset + tokens[i].begin, "cannot tell which condition @" + tokens[i].word + "? belongs to",
           "put the condition in parentheses");
    }
    entry.first = predicate->second;
    entry.second.insert(numbers.at(tokens[i].word));
  }

  std::string out;
  std::size_t copied = 0;  // of `text`
  const auto copy_to = [&](std::size_t end) {
    if (end > copied) {
      query.origins.emplace_back(out.size(), copied);
      out.append(text, copied, end - copied);
      copied = end;
    }
  };
  // The guard goes after the predicate: PostgreSQL infers the parameter's type from the
  // predicate, and `$n IS NULL` first would leave it undetermined (SQLSTATE 42P08).
  std::vector<std::pair<std::size_t, std::string>> closing;  // token after which a guard ends, its text
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    if (const auto guard = guarded.find(i); guard != guarded.end()) {
      copy_to(token.begin);
      query.origins.emplace_back(out.size(), token.begin);
      out += "(";
      std::string tail;
      for (const auto n : guard->second.second) tail += " OR $" + std::to_string(n) + " IS NULL";
      closing.emplace_back(guard->second.first, tail + ")");
    }
    if (token.kind == Token::Kind::named_parameter) {
      copy_to(token.begin);
      query.origins.emplace_back(out.size(), token.begin);
      out += "$" + std::to_string(numbers.at(token.word));
      copied = token.end;
    }
    while (!closing.empty() && closing.back().first == i) {
      copy_to(token.end);
      out += closing.back().second;
      closing.pop_back();
    }
  }
  copy_to(text.size());
  query.sql = out;
}

}  // namespace

const char* to_string(ResultKind kind) {
  switch (kind) {
    case ResultKind::one: return ":one";
    case ResultKind::many: return ":many";
    case ResultKind::exec: return ":exec";
    case ResultKind::execrows: return ":execrows";
  }
  return "";
}

std::string select_through(const Query& query, const std::vector<std::string>& templates, char placeholder) {
  const std::string as_is(1, placeholder);
  if (std::all_of(templates.begin(), templates.end(), [&](const std::string& t) { return t == as_is; })) return query.sql;
  std::string columns, list;
  for (std::size_t i = 0; i < templates.size(); ++i) {
    const std::string column = "strata_c" + std::to_string(i + 1);
    columns += (i ? ", " : "") + column;
    std::string expression;
    for (const char c : templates[i]) expression += c == placeholder ? "strata_q." + column : std::string(1, c);
    list += (i ? ", " : "") + expression;
  }
  // The main statement after the query's own WITH list, if it has one.
  std::size_t main = 0;
  const auto tokens = detail::tokenize(query.sql);
  if (!tokens.empty() && tokens[0].kind == Token::Kind::word && tokens[0].word == "WITH") {
    static const std::set<std::string> statements{"SELECT", "INSERT", "UPDATE", "DELETE", "VALUES", "TABLE", "MERGE"};
    for (const auto& token : tokens) {
      if (token.depth == 0 && is_word(token, statements)) {
        main = token.begin;
        break;
      }
    }
  }
  std::string out = main > 0 ? query.sql.substr(0, main) : "WITH ";
  while (main > 0 && !out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  if (main > 0) out += ", ";
  return out + "strata_q(" + columns + ") AS (" + query.sql.substr(main) + ") SELECT " + list + " FROM strata_q";
}

std::string make_c_identifier(const std::string& text) {
  std::string out;
  for (const char c : text) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(out.begin(), '_');
  return out;
}

QueryFile parse_query_file(const sql::SourceFile& file) {
  static const std::regex name_line(R"(^\s*--\s*name:\s*(\S+)\s*(\S*)\s*$)");
  static const std::regex hint_line(R"(^\s*--\s*strata:not-null\b(.*)$)");
  static const std::regex identifier(R"([A-Za-z_][A-Za-z0-9_]*)");
  static const std::regex name_inside(R"((^|\n)\s*--\s*name:)");
  QueryFile out{file, make_c_identifier(file.path.stem().string()), {}};
  std::size_t previous_end = 0;
  std::set<std::string> names;
  for (auto& statement : sql::split_statements(file)) {
    // The annotation and hints are the comment lines before the statement.
    std::optional<Query> query;
    std::size_t line_start = previous_end;
    const std::string gap = file.text.substr(previous_end, statement.offset - previous_end);
    for (std::size_t at = 0; at <= gap.size();) {
      const auto end = std::min(gap.find('\n', at), gap.size());
      const std::string line = gap.substr(at, end - at);
      std::smatch match;
      if (std::regex_match(line, match, name_line)) {
        query.emplace();
        query->name = match[1];
        const std::string kind = match[2];
        if (!std::regex_match(query->name, identifier)) {
          fail(file, line_start + at, "query name " + query->name + " is not an identifier");
        }
        if (kind == ":one") query->kind = ResultKind::one;
        else if (kind == ":many") query->kind = ResultKind::many;
        else if (kind == ":exec") query->kind = ResultKind::exec;
        else if (kind == ":execrows") query->kind = ResultKind::execrows;
        else fail(file, line_start + at, "query " + query->name + ": unknown kind '" + kind + "'",
                  "write :one, :many, :exec or :execrows after the name");
      } else if (std::regex_match(line, match, hint_line)) {
        if (!query) fail(file, line_start + at, "a strata:not-null hint before the query's -- name: line");
        std::string columns = match[1];
        std::replace(columns.begin(), columns.end(), ',', ' ');
        std::istringstream words(columns);
        for (std::string column; words >> column;) query->not_null_hints.push_back(column);
        if (query->not_null_hints.empty()) fail(file, line_start + at, "strata:not-null names no column");
      }
      at = end + 1;
    }
    if (!query) {
      fail(file, statement.offset, "a query without a name",
           "introduce each query with a line like -- name: BooksByAuthor :many (or :one, :exec, :execrows)");
    }
    if (std::regex_search(statement.sql, name_inside)) {
      fail(file, statement.offset, "query " + query->name + " does not end with ';' before the next -- name: line");
    }
    if (!names.insert(query->name).second) fail(file, statement.offset, "a second query named " + query->name);
    if (!query->not_null_hints.empty() && (query->kind == ResultKind::exec || query->kind == ResultKind::execrows)) {
      fail(file, statement.offset, "query " + query->name + " returns no rows: its strata:not-null hint has nothing to apply to");
    }
    previous_end = statement.offset + statement.sql.size();
    query->location = statement.location;
    query->statement = std::move(statement);
    rewrite_parameters(file, *query);
    out.queries.push_back(std::move(*query));
  }
  if (out.queries.empty()) fail(file, 0, "no query in this file", "introduce each query with a line like -- name: BooksByAuthor :many");
  return out;
}

std::vector<QueryFile> read_query_files(const fs::path& directory) {
  if (!fs::is_directory(directory)) {
    throw Error(directory.string() + ": no such queries directory (absolute: " + fs::absolute(directory).string() + ")");
  }
  std::vector<QueryFile> files;
  std::map<std::string, std::string> where;  // query name -> file, stem -> file
  for (const auto& source : sql::read_sql_files(directory)) {
    auto file = parse_query_file(source);
    if (const auto [it, added] = where.emplace("file " + file.stem, source.path.string()); !added) {
      throw Error(source.path.string() + " and " + it->second + " generate the same header (" + file.stem + ".h)");
    }
    for (const auto& query : file.queries) {
      if (const auto [it, added] = where.emplace(query.name, query.location.to_string()); !added) {
        throw sql::SqlError(query.location, "a second query named " + query.name + " (the first: " + it->second + ")");
      }
    }
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace strata::queries
