// `-- strata:<name> [value]` comments: the scanner finds the comments (so a `--` inside a
// string or a dollar-quoted body is never one), the parse tree tells which object each one
// stands in front of.
#include <pg_query.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "statement_objects.h"
#include "strata/load.h"
#include "strata/sql_source.h"

namespace strata::load {
namespace {

// Kinds a `renamed-from` pragma may annotate: the key's prefix. A function is named without its
// argument types ("function:SCHEMA.NAME"): every overload the target also has is renamed.
constexpr const char* kRenamable[] = {"table:", "view:", "matview:", "index:", "sequence:", "schema:", "type:", "function:"};

// Parts of a table: their old name is on the same table (under its old name, when it is renamed).
bool table_part(const std::string& key) { return key.rfind("column:", 0) == 0 || key.rfind("constraint:", 0) == 0; }

bool renamable(const std::string& key) {
  if (table_part(key)) return true;
  return std::any_of(std::begin(kRenamable), std::end(kRenamable),
                     [&](const char* prefix) { return key.rfind(prefix, 0) == 0; });
}

using nlohmann::json;

using sql::Token;

struct Comment {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string name;
  std::string value;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string trim(const std::string& text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

class PragmaFinder {
 public:
  // `text`: the file's text with meta-commands blanked; `tree`: its parse tree (nullptr when the
  // parser refused the file: executing it reports PostgreSQL's own syntax error).
  PragmaFinder(const SourceFile& file, const std::string& text, const json* tree)
      : file_(file), text_(text), tree_(tree) {}

  std::vector<SchemaPragma> find() {
    tokens_ = sql::scan(text_);
    for (const auto& token : tokens_) {
      if (!token.comment()) continue;
      if (auto comment = read_comment(token)) comments_.push_back(std::move(*comment));
    }
    if (comments_.empty() || tree_ == nullptr) return {};
    std::vector<SchemaPragma> pragmas;
    for (const auto& comment : comments_) pragmas.push_back(attach(comment, *tree_));
    return pragmas;
  }

 private:
  [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
    throw SchemaError(locate(file_.path, file_.text, offset), message);
  }

  // A `-- strata:name [value]` comment, or nothing for any other comment.
  std::optional<Comment> read_comment(const Token& token) const {
    const std::string raw = text_.substr(token.start, token.end - token.start);
    if (raw.rfind("--", 0) != 0) return std::nullopt;
    const std::string body = trim(raw.substr(2));
    if (body.rfind("strata:", 0) != 0) return std::nullopt;
    Comment comment{token.start, token.end, {}, {}};
    const std::string rest = body.substr(7);
    const auto space = std::find_if(rest.begin(), rest.end(), is_space);
    comment.name = std::string(rest.begin(), space);
    comment.value = trim(std::string(space, rest.end()));

    if (comment.name == "renamed-from") {
      if (comment.value.empty()) fail(token.start, "strata:renamed-from needs the old name (-- strata:renamed-from old_name)");
      if (std::any_of(comment.value.begin(), comment.value.end(), is_space)) {
        fail(token.start, "strata:renamed-from takes one name, got '" + comment.value + "'");
      }
    } else if (comment.name == "moved-from") {
      const auto dot = comment.value.find('.');
      if (comment.value.empty() || dot == std::string::npos || dot == 0 || dot + 1 == comment.value.size() ||
          comment.value.find('.', dot + 1) != std::string::npos ||
          std::any_of(comment.value.begin(), comment.value.end(), is_space)) {
        fail(token.start, "strata:moved-from needs the old schema and name (-- strata:moved-from old_schema.old_name), got '" +
                              comment.value + "'");
      }
    } else if (comment.name == "renamed-label") {
      const auto space = comment.value.find(' ');
      if (space == std::string::npos || comment.value.find(' ', space + 1) != std::string::npos) {
        fail(token.start, "strata:renamed-label needs the old and the new label (-- strata:renamed-label old new), got '" +
                              comment.value + "'");
      }
    } else if (comment.name == "allow-destructive") {
      if (!comment.value.empty()) fail(token.start, "strata:allow-destructive takes no value, got '" + comment.value + "'");
    } else {
      fail(token.start, "unknown strata pragma '" + comment.name + "' (known: renamed-from, moved-from, renamed-label, allow-destructive)");
    }
    // Only whitespace may precede it on its line: a comment after a column would otherwise
    // silently annotate the next one.
    std::size_t line_start = text_.rfind('\n', token.start == 0 ? 0 : token.start - 1);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    for (std::size_t i = line_start; i < token.start; ++i) {
      if (!is_space(text_[i])) {
        fail(token.start, "a strata pragma must be on its own line, right before the object it annotates");
      }
    }
    return comment;
  }

  // The first non-comment token at or after `offset`, or npos.
  std::size_t next_token(std::size_t offset) const {
    for (const auto& token : tokens_) {
      if (token.start >= offset && !token.comment()) return token.start;
    }
    return std::string::npos;
  }

  // Only comments and whitespace without an empty line between the comment and `target`.
  bool directly_before(const Comment& comment, std::size_t target) const {
    if (next_token(comment.end) != target) return false;
    int newlines = 0;
    for (std::size_t i = comment.end; i < target; ++i) {
      const bool in_comment = std::any_of(tokens_.begin(), tokens_.end(), [&](const Token& token) {
        return token.comment() && token.start <= i && i < token.end;
      });
      if (in_comment) {
        newlines = 0;
      } else if (text_[i] == '\n') {
        if (++newlines > 1) return false;
      } else if (!is_space(text_[i])) {
        newlines = 0;
      }
    }
    return true;
  }

  // The object a pragma before `statement` annotates ("" for none). A function's key needs the
  // argument types PostgreSQL normalises, which the parse tree does not have: only a rename,
  // which names every overload, takes the function by its name.
  static std::string object_key(const json& statement, const std::string& pragma) {
    const std::string key = detail::declared_key(statement);
    return key.rfind("function:", 0) == 0 && pragma != "renamed-from" ? "" : key;
  }

  SchemaPragma attach(const Comment& comment, const json& tree) const {
    SchemaPragma pragma;
    pragma.name = comment.name;
    pragma.value = comment.value;
    pragma.location = locate(file_.path, file_.text, comment.start);

    for (const auto& raw : tree.value("stmts", json::array())) {
      const auto begin = raw.value("stmt_location", std::size_t{0});
      const auto length = raw.value("stmt_len", std::size_t{0});
      const auto end = length == 0 ? text_.size() : begin + length;
      if (comment.start < begin || comment.start >= end) continue;
      const std::size_t first = next_token(begin);
      const json& statement = raw["stmt"];
      if (first != std::string::npos && comment.end <= first) {
        // Before the statement.
        const std::string key = object_key(statement, comment.name);
        if (!key.empty() && directly_before(comment, first)) {
          pragma.object_key = key;
          check_target(comment, key);
          return pragma;
        }
      } else {
        // Inside CREATE TABLE: before a column definition.
        for (const auto& member : detail::table_members(statement)) {
          if (!table_part(member.key)) continue;
          if (member.offset >= comment.end && directly_before(comment, member.offset)) {
            pragma.object_key = member.key;
            check_target(comment, pragma.object_key);
            return pragma;
          }
        }
      }
      break;
    }
    fail(comment.start, "strata:" + comment.name +
                            " annotates nothing: put it on the line right before a CREATE statement (TABLE, VIEW, "
                            "MATERIALIZED VIEW, INDEX, SEQUENCE, TYPE, DOMAIN, SCHEMA, TRIGGER, POLICY, ...) or ALTER "
                            "TABLE ... ADD CONSTRAINT, or inside CREATE TABLE right before a column or constraint");
  }

  void check_target(const Comment& comment, const std::string& key) const {
    if (comment.name == "renamed-from" && !renamable(key)) {
      fail(comment.start, "strata:renamed-from applies to tables, columns, constraints, views, materialized views, "
                          "indexes, sequences, schemas, types and functions, not to " + key);
    }
    if (comment.name == "renamed-label" && key.rfind("type:", 0) != 0) {
      fail(comment.start, "strata:renamed-label applies to enum types, not to " + key);
    }
    if (comment.name == "moved-from" && key.rfind("table:", 0) != 0) {
      fail(comment.start, "strata:moved-from applies to tables, not to " + key);
    }
  }

  const SourceFile& file_;
  const std::string& text_;
  const json* tree_;
  std::vector<Token> tokens_;
  std::vector<Comment> comments_;
};

// "column:public.users.email" -> {"public", "users", "email"}; names may hold dots, so split
// from the known number of parts: schema and table never come from user text with dots here
// (the finder builds these keys), but stay safe and split on the first dots only.
std::vector<std::string> key_parts(const std::string& key, std::size_t count) {
  std::vector<std::string> parts;
  std::string rest = key.substr(key.find(':') + 1);
  for (std::size_t i = 0; i + 1 < count; ++i) {
    const auto dot = rest.find('.');
    if (dot == std::string::npos) break;
    parts.push_back(rest.substr(0, dot));
    rest = rest.substr(dot + 1);
  }
  parts.push_back(rest);
  return parts;
}

}  // namespace

FileAnnotations annotate(const SourceFile& file) {
  const std::string text = detail::blank_meta_commands(file.text);
  PgQueryParseResult result = pg_query_parse(text.c_str());
  std::optional<json> tree;
  if (!result.error) tree = json::parse(result.parse_tree);
  pg_query_free_parse_result(result);

  FileAnnotations annotations;
  annotations.pragmas = PragmaFinder(file, text, tree ? &*tree : nullptr).find();
  if (!tree) return annotations;
  IncrementalLocator locator(file.path, file.text);  // statements, and members within them, in file order
  for (const auto& raw : tree->value("stmts", json::array())) {
    const json& statement = raw["stmt"];
    const auto begin = raw.value("stmt_location", std::size_t{0});
    if (const std::string why = detail::refusal(statement); !why.empty()) {
      // Fail closed: never a schema whose diff silently leaves something out.
      throw SchemaError(locator.at(detail::skip_space_and_comments(text, begin)), "cannot declare this: " + why, "", "",
                        {}, "leave the statement out of the declared schema and manage it outside strata's migrations "
                            "(a `strata new` migration written by hand, or the tool that owns it)");
    }
    if (const std::string family = detail::altered_family_key(statement); !family.empty()) {
      annotations.altered_families.emplace(family, locator.at(detail::skip_space_and_comments(text, begin)));
    }
    const std::string key = detail::declared_key(statement);
    if (key.empty()) continue;
    annotations.declarations.emplace(key, locator.at(detail::skip_space_and_comments(text, begin)));
    for (const auto& member : detail::table_members(statement)) annotations.declarations.emplace(member.key, locator.at(member.offset));
  }
  return annotations;
}

std::vector<SchemaPragma> find_schema_pragmas(const SourceFile& file) { return annotate(file).pragmas; }

std::map<std::string, std::string> renames_from_pragmas(const std::vector<SchemaPragma>& pragmas) {
  std::map<std::string, std::string> old_tables;  // new table key -> old table name
  for (const auto& pragma : pragmas) {
    if (pragma.name != "renamed-from" || pragma.object_key.rfind("table:", 0) != 0) continue;
    if (!old_tables.emplace(pragma.object_key, pragma.value).second) {
      throw SchemaError(pragma.location, "table " + pragma.object_key.substr(6) + " has more than one strata:renamed-from");
    }
  }
  std::map<std::string, std::string> renames;
  for (const auto& pragma : pragmas) {
    if (pragma.name != "moved-from") continue;
    if (old_tables.count(pragma.object_key) || !renames.emplace(pragma.object_key, "table:" + pragma.value).second) {
      throw SchemaError(pragma.location, "table " + pragma.object_key.substr(6) +
                                             " has more than one strata:renamed-from / strata:moved-from");
    }
  }
  // Keys are A's: an object renamed in a renamed schema had the schema's old name.
  std::map<std::string, std::string> old_schemas;  // new schema name -> old
  for (const auto& pragma : pragmas) {
    if (pragma.name == "renamed-from" && pragma.object_key.rfind("schema:", 0) == 0) {
      old_schemas.emplace(pragma.object_key.substr(7), pragma.value);
    }
  }
  const auto old_schema = [&](const std::string& schema) {
    const auto it = old_schemas.find(schema);
    return it == old_schemas.end() ? schema : it->second;
  };
  for (const auto& pragma : pragmas) {
    if (pragma.name != "renamed-from") continue;
    const std::string prefix = pragma.object_key.substr(0, pragma.object_key.find(':') + 1);
    std::string old_key;
    if (prefix == "schema:") {
      old_key = prefix + pragma.value;
    } else if (!table_part(pragma.object_key)) {
      // A relation, type or function keeps its schema: the old name is in the same one.
      const auto parts = key_parts(pragma.object_key, 2);
      old_key = prefix + old_schema(parts[0]) + "." + pragma.value;
    } else {
      const auto parts = key_parts(pragma.object_key, 3);
      auto table = old_tables.find("table:" + parts[0] + "." + parts[1]);
      const std::string old_table = table == old_tables.end() ? parts[1] : table->second;
      old_key = prefix + old_schema(parts[0]) + "." + old_table + "." + pragma.value;
    }
    if (!renames.emplace(pragma.object_key, old_key).second) {
      throw SchemaError(pragma.location, pragma.object_key + " has more than one strata:renamed-from");
    }
  }
  return renames;
}

std::map<std::string, std::map<std::string, std::string>> label_renames_from_pragmas(const std::vector<SchemaPragma>& pragmas) {
  std::map<std::string, std::map<std::string, std::string>> renames;
  for (const auto& pragma : pragmas) {
    if (pragma.name != "renamed-label") continue;
    const auto space = pragma.value.find(' ');
    if (!renames[pragma.object_key].emplace(pragma.value.substr(0, space), pragma.value.substr(space + 1)).second) {
      throw SchemaError(pragma.location, "label '" + pragma.value.substr(0, space) + "' of " + pragma.object_key +
                                             " has more than one strata:renamed-label");
    }
  }
  return renames;
}

}  // namespace strata::load
