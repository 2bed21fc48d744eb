#include "sql_names.h"

#include <algorithm>
#include <cctype>

namespace strata::diff::sql_names {

std::vector<std::pair<std::size_t, std::size_t>> literal_spans(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t i = 0;
  const std::size_t size = text.size();
  while (i < size) {
    const char c = text[i];
    if (c == '"') {  // a quoted identifier: a name, but a quote inside it starts nothing
      const std::size_t close = text.find('"', i + 1);
      i = close == std::string::npos ? size : close + 1;
    } else if (c == '\'') {
      const bool escapes = i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e') && (i < 2 || !identifier_char(text[i - 2]));
      std::size_t j = i + 1;
      while (j < size) {
        if (escapes && text[j] == '\\') {
          j += 2;
        } else if (text[j] == '\'') {
          if (j + 1 < size && text[j + 1] == '\'') {
            j += 2;
          } else {
            break;
          }
        } else {
          ++j;
        }
      }
      const std::size_t end = std::min(j + 1, size);
      // 'public.seq'::regclass and the other reg* constants are deparsed from the OID: names.
      if (text.compare(end, 5, "::reg") != 0) spans.emplace_back(i, end);
      i = end;
    } else if (c == '$' && (i == 0 || !identifier_char(text[i - 1]))) {
      std::size_t j = i + 1;
      while (j < size && text[j] != '$' && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
      const bool tag = j < size && text[j] == '$' && (j == i + 1 || !std::isdigit(static_cast<unsigned char>(text[i + 1])));
      if (!tag) {
        ++i;
        continue;
      }
      const std::string delimiter = text.substr(i, j - i + 1);
      const std::size_t close = text.find(delimiter, j + 1);
      const std::size_t end = close == std::string::npos ? size : close + delimiter.size();
      spans.emplace_back(i, end);
      i = end;
    } else {
      ++i;
    }
  }
  return spans;
}

std::string replace_name(const std::string& text, const std::string& from, const std::string& to, Boundaries boundaries) {
  if (from.empty() || from == to) return text;
  std::vector<std::pair<std::size_t, std::size_t>> literals;
  if (boundaries.skip_literals && text.find(from) != std::string::npos) literals = literal_spans(text);
  const auto in_literal = [&](std::size_t at) {
    return std::any_of(literals.begin(), literals.end(), [&](const auto& span) { return span.first <= at && at < span.second; });
  };
  const bool qualifier = from.back() == '.';
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(from, start);
    if (at == std::string::npos) break;
    const std::size_t end = at + from.size();
    const bool left_ok =
        at == 0 || (!identifier_char(text[at - 1]) && !(boundaries.unqualified_only && text[at - 1] == '.'));
    const bool right_ok = qualifier || (end == text.size() ? !boundaries.before_dot_only
                                                           : (!identifier_char(text[end]) &&
                                                              (!boundaries.before_dot_only || text[end] == '.')));
    out += text.substr(start, at - start);
    out += left_ok && right_ok && !in_literal(at) ? to : from;
    start = end;
  }
  out += text.substr(start);
  return out;
}

}  // namespace strata::diff::sql_names
