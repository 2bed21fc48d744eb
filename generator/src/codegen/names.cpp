// SQL names -> C++ identifiers (docs/accessors.md, "Names").
#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "strata/codegen.h"
#include "strata/stable_hash.h"

namespace strata::codegen {
namespace {

const std::unordered_set<std::string_view>& reserved_words() {
  static const std::unordered_set<std::string_view> words = {
      // C++20 keywords
      "alignas", "alignof", "asm", "auto", "bool", "break", "case", "catch", "char", "char8_t", "char16_t",
      "char32_t", "class", "concept", "const", "consteval", "constexpr", "constinit", "const_cast", "continue",
      "co_await", "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else",
      "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
      "long", "mutable", "namespace", "new", "noexcept", "nullptr", "operator", "private", "protected", "public",
      "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "true",
      "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
      "wchar_t", "while",
      // alternative tokens
      "and", "and_eq", "bitand", "bitor", "compl", "not", "not_eq", "or", "or_eq", "xor", "xor_eq",
      // identifiers with special meaning, and names the preprocessor may define
      "final", "override", "import", "module", "NULL", "EOF", "errno", "assert", "stdin", "stdout", "stderr",
      "offsetof", "setjmp", "va_arg", "TRUE", "FALSE", "linux", "unix", "major", "minor", "BUFSIZ", "CHAR_BIT",
      "INT_MAX", "INT_MIN", "EXIT_SUCCESS", "EXIT_FAILURE", "SIZE_MAX", "RAND_MAX", "MB_CUR_MAX", "NDEBUG",
      "DOMAIN", "OVERFLOW", "UNDERFLOW", "SING", "TLOSS", "PLOSS", "HUGE_VAL", "INFINITY", "NAN"};
  return words;
}

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reserved for the implementation in every scope: any name with "__", or "_" + uppercase letter.
bool implementation_reserved(std::string_view name) {
  return name.find("__") != std::string_view::npos || (name.size() >= 2 && name[0] == '_' && is_upper(name[1]));
}

}  // namespace

bool is_reserved_word(std::string_view word) { return reserved_words().count(word) > 0; }

std::string mangle(std::string_view sql_name) {
  std::string name;
  for (const char c : sql_name) {
    if (identifier_char(c)) {
      if (c == '_' && !name.empty() && name.back() == '_') continue;  // no "__"
      name += c;
    } else if (name.empty() || name.back() != '_') {
      name += '_';
    }
  }
  if (name.empty()) return "_";
  if (is_digit(name.front())) name.insert(0, "_");
  if (name.size() >= 2 && name[0] == '_' && is_upper(name[1])) name.insert(0, "x");
  if (is_reserved_word(name)) name += '_';
  return name;
}

std::vector<std::string> assign_names(const std::vector<std::string>& sql_names, const std::set<std::string>& reserved) {
  std::vector<std::string> result(sql_names.size());
  std::set<std::string> taken(reserved.begin(), reserved.end());
  std::vector<std::size_t> order(sql_names.size());
  std::iota(order.begin(), order.end(), 0);
  // Exact names (already valid identifiers) first, in the given order; then the rest by SQL name.
  const auto exact = [&](std::size_t i) { return mangle(sql_names[i]) == sql_names[i]; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool exact_a = exact(a), exact_b = exact(b);
    if (exact_a != exact_b) return exact_a;
    if (exact_a) return false;  // keep the given order
    return sql_names[a] < sql_names[b];
  });
  for (const std::size_t i : order) {
    const std::string base = mangle(sql_names[i]);
    std::string name = base;
    for (int n = 2; taken.count(name) || implementation_reserved(name); ++n) {
      name = base + (base.back() == '_' ? "" : "_") + std::to_string(n);
    }
    taken.insert(name);
    result[i] = name;
  }
  return result;
}

int shard_of(const std::string& key, int shards) {
  if (shards < 1) throw CodegenError("the number of shards must be at least 1");
  return static_cast<int>(fnv1a_64(key) % static_cast<std::uint64_t>(shards));
}

std::string shard_file(int shard) {
  const std::string number = std::to_string(shard);
  return "src/shard_" + std::string(number.size() < 2 ? 2 - number.size() : 0, '0') + number + ".cpp";
}

}  // namespace strata::codegen
