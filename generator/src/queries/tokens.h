// The tokens of a query as far as rewriting its parameters needs them: words, parameters,
// parentheses and everything else, with string literals, quoted identifiers, comments and
// dollar-quoted bodies skipped as PostgreSQL's scanner skips them (a parameter-like text inside
// them is not a parameter).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::queries::detail {

struct Token {
  enum class Kind { word, named_parameter, positional_parameter, open, close, comma, semicolon, other };
  Kind kind = Kind::other;
  std::size_t begin = 0, end = 0;  // byte offsets in the text
  int depth = 0;                   // parentheses around it (an open/close has the outer depth)
  std::string word;                // word: upper-cased; named_parameter: the name; positional: the digits
  bool optional = false;           // named_parameter written @name?
};

std::vector<Token> tokenize(std::string_view text);

}  // namespace strata::queries::detail
