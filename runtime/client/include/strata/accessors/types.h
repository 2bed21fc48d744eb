// Value types for the PostgreSQL types that have no exact standard C++ counterpart, used by the
// accessors `strata codegen` generates (docs/accessors.md). Deliberately light: no libpqxx, no
// nlohmann, so every translation unit that includes a generated header can afford it.
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

// numeric: an exact decimal, held as its text ("-12.3400", "NaN", "Infinity", "-Infinity").
// Comparison is by value, as PostgreSQL compares numerics: 1.5 == 1.50, NaN equals NaN and is
// greater than every other value (so the order is total); the text keeps the scale it was given.
class Numeric {
 public:
  Numeric() = default;  // 0
  // Accepts what PostgreSQL's numeric input accepts: [+-]digits[.digits][e[+-]digits] (also
  // ".5", "5."), NaN, [+-]Infinity (case-insensitive), surrounding blanks. An exponent is
  // expanded. Throws std::invalid_argument otherwise.
  explicit Numeric(std::string_view text);
  // An integer is exact, so it converts implicitly (`.price = 12`); bool and characters are not
  // numbers.
  template <std::integral Integer>
    requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char> && !std::same_as<Integer, wchar_t> &&
             !std::same_as<Integer, char8_t> && !std::same_as<Integer, char16_t> && !std::same_as<Integer, char32_t>)
  Numeric(Integer value) : text_(std::to_string(value)) {}  // NOLINT(google-explicit-constructor)
  // A floating-point value is not (12.99 is 12.9900000000000002131628...), and used to become an
  // integer on the way: `.price = 12.99` stored 12. It does not compile; give the digits as text,
  // Numeric("12.99").
  template <std::floating_point Float>
  Numeric(Float) = delete;

  // PostgreSQL's spelling: no '+', no exponent, at least one digit before the point.
  const std::string& text() const { return text_; }
  bool is_nan() const { return text_ == "NaN"; }
  bool is_infinite() const { return text_ == "Infinity" || text_ == "-Infinity"; }
  double to_double() const;  // nearest double (inexact), NaN and infinities as such

  friend bool operator==(const Numeric& a, const Numeric& b) { return (a <=> b) == 0; }
  friend std::weak_ordering operator<=>(const Numeric& a, const Numeric& b);

 private:
  std::string text_ = "0";
};

// uuid: 16 bytes in network order; text form 8-4-4-4-12 lowercase hex.
struct Uuid {
  std::array<std::uint8_t, 16> bytes{};

  // Accepts PostgreSQL's input forms: hex digits in groups of four optionally separated by '-',
  // optionally in braces, either case. Throws std::invalid_argument otherwise.
  static Uuid parse(std::string_view text);
  std::string to_string() const;
  bool is_nil() const;

  friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

// interval: PostgreSQL's three fields, kept apart as PostgreSQL keeps them ('1 mon' is not
// '30 days' here; PostgreSQL's = would say they are equal, this type compares field by field).
struct Interval {
  std::int32_t months = 0;
  std::int32_t days = 0;
  std::int64_t microseconds = 0;

  friend auto operator<=>(const Interval&, const Interval&) = default;
};

// bytea.
using Bytes = std::vector<std::byte>;

// timestamp with time zone: an instant (UTC). PostgreSQL's infinity and -infinity are
// Timestamptz::max() and Timestamptz::min().
using Timestamptz = std::chrono::sys_time<std::chrono::microseconds>;
// timestamp without time zone: a wall-clock time in no particular zone (same infinities).
using Timestamp = std::chrono::local_time<std::chrono::microseconds>;
// date (infinite dates cannot be represented and are a conversion error).
using Date = std::chrono::year_month_day;

}  // namespace strata
