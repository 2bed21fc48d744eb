// Pieces of generated C++ text shared by the accessors and the typed queries.
#include "code_text.h"

namespace strata::codegen::detail {

// A C++ string literal for `text` (UTF-8 passes through; control characters, quotes and
// backslashes are escaped; octal escapes are always three digits, so no digit can follow into one).
std::string literal(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      const char digits[] = {'\\', static_cast<char>('0' + (u >> 6)), static_cast<char>('0' + ((u >> 3) & 7)),
                             static_cast<char>('0' + (u & 7)), 0};
      out += digits;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The first line of a function that runs `sql`: the statement with its prepared-statement name,
// made once (a function-local static), so a call neither copies the text nor hashes it.
std::string statement(const std::string& sql) {
  return "  static const ::strata::accessors::Statement statement(" + literal(sql) + ");\n";
}

// A literal for a long text (a migration): a raw string literal with a delimiter the text does
// not contain, or an escaped one when the text has control characters other than newline and tab
// (a compiler may turn the \r of a CRLF into nothing in a raw literal, and the migration's
// checksum is over its exact bytes).
std::string raw_literal(const std::string& text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) return literal(text);
  }
  std::string delimiter = "strata";
  for (int n = 2; text.find(")" + delimiter + "\"") != std::string::npos; ++n) delimiter = "strata" + std::to_string(n);
  return "R\"" + delimiter + "(" + text + ")" + delimiter + "\"";
}

std::string include_block(const std::set<std::string>& includes) {
  std::string system, local;
  for (const auto& include : includes) {
    (include.front() == '<' ? system : local) += "#include " + include + "\n";
  }
  if (!system.empty() && !local.empty()) return system + "\n" + local;
  return system + local;
}

}  // namespace strata::codegen::detail
