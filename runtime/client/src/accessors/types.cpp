#include "strata/accessors/types.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>

namespace strata {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == (y >= 'A' && y <= 'Z' ? y - 'A' + 'a' : y);
         });
}

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// The largest exponent accepted: PostgreSQL's numeric holds up to 131072 digits before the point
// and 16383 after; an exponent beyond that is refused before it allocates anything.
constexpr long kMaxExponent = 140000;

std::string normalize_numeric(std::string_view input) {
  const std::string_view text = trim(input);
  const auto invalid = [&]() -> std::invalid_argument {
    return std::invalid_argument("invalid numeric: \"" + std::string(input) + "\"");
  };
  if (equals_ignoring_case(text, "nan")) return "NaN";
  {
    std::string_view unsigned_text = text;
    bool negative = false;
    if (!unsigned_text.empty() && (unsigned_text.front() == '+' || unsigned_text.front() == '-')) {
      negative = unsigned_text.front() == '-';
      unsigned_text.remove_prefix(1);
    }
    if (equals_ignoring_case(unsigned_text, "infinity") || equals_ignoring_case(unsigned_text, "inf")) {
      return negative ? "-Infinity" : "Infinity";
    }
  }

  std::size_t at = 0;
  bool negative = false;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) negative = text[at++] == '-';
  std::string integer_digits, fraction_digits;
  while (at < text.size() && is_digit(text[at])) integer_digits += text[at++];
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && is_digit(text[at])) fraction_digits += text[at++];
  }
  if (integer_digits.empty() && fraction_digits.empty()) throw invalid();
  long exponent = 0;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    const auto* begin = text.data() + at;
    if (at < text.size() && text[at] == '+') ++begin, ++at;
    const auto [end, error] = std::from_chars(begin, text.data() + text.size(), exponent);
    if (error != std::errc() || end == begin) throw invalid();
    at = static_cast<std::size_t>(end - text.data());
    if (exponent > kMaxExponent || exponent < -kMaxExponent) throw invalid();
  }
  if (at != text.size()) throw invalid();

  // Move the point by the exponent.
  if (exponent > 0) {
    const auto moved = std::min<std::size_t>(static_cast<std::size_t>(exponent), fraction_digits.size());
    integer_digits += fraction_digits.substr(0, moved);
    fraction_digits.erase(0, moved);
    integer_digits.append(static_cast<std::size_t>(exponent) - moved, '0');
  } else if (exponent < 0) {
    const auto shift = static_cast<std::size_t>(-exponent);
    if (integer_digits.size() < shift) integer_digits.insert(0, shift - integer_digits.size(), '0');
    fraction_digits.insert(0, integer_digits.substr(integer_digits.size() - shift));
    integer_digits.erase(integer_digits.size() - shift);
  }
  const auto first = integer_digits.find_first_not_of('0');
  integer_digits = first == std::string::npos ? "0" : integer_digits.substr(first);
  const bool zero = integer_digits == "0" && fraction_digits.find_first_not_of('0') == std::string::npos;
  std::string result = (negative && !zero) ? "-" : "";
  result += integer_digits;
  if (!fraction_digits.empty()) result += "." + fraction_digits;
  return result;
}

// -1, 0, 1 comparing the magnitudes of two normalized finite numerics (no sign).
int compare_magnitude(std::string_view a, std::string_view b) {
  const auto split = [](std::string_view text) {
    const auto point = text.find('.');
    std::string_view integer = text.substr(0, point);
    std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
    while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
    return std::pair{integer, fraction};
  };
  const auto [a_integer, a_fraction] = split(a);
  const auto [b_integer, b_fraction] = split(b);
  if (a_integer.size() != b_integer.size()) return a_integer.size() < b_integer.size() ? -1 : 1;
  if (const int c = a_integer.compare(b_integer)) return c < 0 ? -1 : 1;
  if (const int c = a_fraction.compare(b_fraction)) return c < 0 ? -1 : 1;  // no trailing zeros: lexicographic works
  return 0;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Numeric::Numeric(std::string_view text) : text_(normalize_numeric(text)) {}

double Numeric::to_double() const {
  double value = 0;
  const char* begin = text_.data();
  if (text_ == "Infinity") return std::numeric_limits<double>::infinity();
  if (text_ == "-Infinity") return -std::numeric_limits<double>::infinity();
  if (text_ == "NaN") return std::numeric_limits<double>::quiet_NaN();
  std::from_chars(begin, begin + text_.size(), value);
  return value;
}

std::weak_ordering operator<=>(const Numeric& a, const Numeric& b) {
  // NaN > +Infinity > finite > -Infinity, as PostgreSQL orders numerics.
  const auto rank = [](const Numeric& n) { return n.is_nan() ? 2 : n.text() == "Infinity" ? 1 : n.text() == "-Infinity" ? -1 : 0; };
  const int rank_a = rank(a), rank_b = rank(b);
  if (rank_a != rank_b || rank_a != 0) return rank_a <=> rank_b;
  const bool negative_a = a.text().front() == '-', negative_b = b.text().front() == '-';
  if (negative_a != negative_b) return negative_a ? std::weak_ordering::less : std::weak_ordering::greater;
  int magnitude = compare_magnitude(std::string_view(a.text()).substr(negative_a ? 1 : 0),
                                    std::string_view(b.text()).substr(negative_b ? 1 : 0));
  if (negative_a) magnitude = -magnitude;
  return magnitude <=> 0;
}

Uuid Uuid::parse(std::string_view text) {
  const auto invalid = [&]() { return std::invalid_argument("invalid uuid: \"" + std::string(text) + "\""); };
  std::string_view body = text;
  if (!body.empty() && body.front() == '{') {
    if (body.back() != '}') throw invalid();
    body = body.substr(1, body.size() - 2);
  }
  Uuid uuid;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '-') {
      // PostgreSQL: a hyphen may follow any group of four digits (not first, last or doubled).
      if (digits == 0 || digits % 4 != 0 || digits == 32 || i + 1 == body.size() || body[i + 1] == '-') throw invalid();
      continue;
    }
    const int value = hex_value(c);
    if (value < 0 || digits == 32) throw invalid();
    auto& byte = uuid.bytes[digits / 2];
    byte = static_cast<std::uint8_t>(digits % 2 == 0 ? value << 4 : byte | value);
    ++digits;
  }
  if (digits != 32) throw invalid();
  return uuid;
}

std::string Uuid::to_string() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0xf];
  }
  return text;
}

bool Uuid::is_nil() const {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

}  // namespace strata
