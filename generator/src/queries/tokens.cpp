#include "tokens.h"

#include <cctype>
#include <cstring>

namespace strata::queries::detail {
namespace {

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool is_identifier_char(char c) { return is_identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }
// PostgreSQL's operator characters: a '@' after one of them is part of an operator (@@, <@).
bool is_operator_char(char c) { return c != '\0' && std::strchr("+-*/<>=~!@#%^&|`?", c) != nullptr; }

// The end of a quoted text starting at `i` (the quote), quote doubled to escape it; backslash
// escapes too when `backslashes` (E'...').
std::size_t skip_quoted(std::string_view text, std::size_t i, char quote, bool backslashes) {
  for (++i; i < text.size(); ++i) {
    if (backslashes && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (i + 1 < text.size() && text[i + 1] == quote) {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return text.size();
}

// $tag$ at `i`: its length, or 0 when it is not a dollar-quote opener.
std::size_t dollar_tag_length(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  if (j < text.size() && text[j] == '$') return 2;
  if (j >= text.size() || !is_identifier_start(text[j])) return 0;
  while (j < text.size() && is_identifier_char(text[j]) && text[j] != '$') ++j;
  return j < text.size() && text[j] == '$' ? j + 1 - i : 0;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  int depth = 0;
  const auto add = [&](Token::Kind kind, std::size_t begin, std::size_t end, int at_depth) {
    tokens.push_back(Token{kind, begin, end, at_depth, {}, false});
    return &tokens.back();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && next == '-') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '/' && next == '*') {
      int nesting = 1;  // PostgreSQL's block comments nest
      for (i += 2; i < text.size() && nesting > 0; ++i) {
        if (text[i] == '/' && i + 1 < text.size() && text[i + 1] == '*') ++nesting, ++i;
        else if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/') --nesting, ++i;
      }
    } else if (c == '\'') {
      const bool escapes = i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e') &&
                           (i < 2 || !is_identifier_char(text[i - 2]));
      const auto end = skip_quoted(text, i, '\'', escapes);
      add(Token::Kind::other, i, end, depth);
      i = end;
    } else if (c == '"') {
      const auto end = skip_quoted(text, i, '"', false);
      add(Token::Kind::word, i, end, depth)->word = std::string(text.substr(i, end - i));
      i = end;
    } else if (c == '$' && std::isdigit(static_cast<unsigned char>(next))) {
      std::size_t end = i + 1;
      while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
      add(Token::Kind::positional_parameter, i, end, depth)->word = std::string(text.substr(i + 1, end - i - 1));
      i = end;
    } else if (const auto tag = c == '$' ? dollar_tag_length(text, i) : 0; tag > 0) {
      const auto close = text.find(text.substr(i, tag), i + tag);
      const auto end = close == std::string_view::npos ? text.size() : close + tag;
      add(Token::Kind::other, i, end, depth);
      i = end;
    } else if (c == '@' && is_identifier_start(next) && (i == 0 || (text[i - 1] != '@' && text[i - 1] != '<'))) {
      // Not the end of <@ or @@ (a=@x is a parameter, as in sqlc, though PostgreSQL alone would
      // read an operator =@).
      std::size_t end = i + 1;
      while (end < text.size() && is_identifier_char(text[end]) && text[end] != '$') ++end;
      auto* token = add(Token::Kind::named_parameter, i, end, depth);
      token->word = std::string(text.substr(i + 1, end - i - 1));
      if (end < text.size() && text[end] == '?') token->optional = true, token->end = ++end;
      i = end;
    } else if (is_identifier_start(c)) {
      std::size_t end = i;
      while (end < text.size() && is_identifier_char(text[end])) ++end;
      auto* token = add(Token::Kind::word, i, end, depth);
      for (std::size_t k = i; k < end; ++k) token->word += static_cast<char>(std::toupper(static_cast<unsigned char>(text[k])));
      i = end;
    } else if (c == '(') {
      add(Token::Kind::open, i, i + 1, depth++);
      ++i;
    } else if (c == ')') {
      if (depth > 0) --depth;
      add(Token::Kind::close, i, i + 1, depth);
      ++i;
    } else if (c == ',' || c == ';') {
      add(c == ',' ? Token::Kind::comma : Token::Kind::semicolon, i, i + 1, depth);
      ++i;
    } else {
      std::size_t end = i + 1;
      if (is_operator_char(c)) {
        while (end < text.size() && is_operator_char(text[end]) && !(text[end] == '-' && end + 1 < text.size() && text[end + 1] == '-')) ++end;
      }
      add(Token::Kind::other, i, end, depth);
      i = end;
    }
  }
  return tokens;
}

}  // namespace strata::queries::detail
