// Pieces of generated C++ text shared by the accessors (generate.cpp) and the typed queries
// (queries_code.cpp).
#pragma once

#include <set>
#include <string>

namespace strata::codegen::detail {

// A C++ string literal for `text` (UTF-8 passes through; control characters, quotes and
// backslashes are escaped).
std::string literal(const std::string& text);
// The first line of a function that runs `sql`: the statement with its prepared-statement name,
// made once (a function-local static), so a call neither copies the text nor hashes it.
std::string statement(const std::string& sql);
// A literal for a long text: a raw string literal when it can be one.
std::string raw_literal(const std::string& text);
// #include lines: system headers, a blank line, then the others.
std::string include_block(const std::set<std::string>& includes);

}  // namespace strata::codegen::detail
