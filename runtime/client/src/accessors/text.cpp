#include "strata/accessors/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <system_error>

#include <pqxx/array>

namespace strata::accessors {
namespace {

using std::chrono::microseconds;

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

[[noreturn]] void fail(std::string_view type, std::string_view text, std::string_view why = {}) {
  std::string message = "invalid " + std::string(type) + ": \"" + std::string(text) + "\"";
  if (!why.empty()) message += " (" + std::string(why) + ")";
  throw ConversionError(message);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

template <class Integer>
Integer parse_integer(std::string_view text, std::string_view type) {
  Integer value{};
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [stop, error] = std::from_chars(begin, end, value);
  if (error == std::errc::result_out_of_range) fail(type, text, "out of range");
  if (error != std::errc() || stop != end || begin == end) fail(type, text);
  return value;
}

template <class Float>
Float parse_float(std::string_view text, std::string_view type) {
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (equals_ignoring_case(body, "infinity") || equals_ignoring_case(body, "inf")) {
    return negative ? -std::numeric_limits<Float>::infinity() : std::numeric_limits<Float>::infinity();
  }
  if (equals_ignoring_case(body, "nan")) return std::numeric_limits<Float>::quiet_NaN();
  Float value{};
  const auto [stop, error] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (error == std::errc::result_out_of_range) fail(type, text, "out of range");
  if (error != std::errc() || stop != body.data() + body.size() || body.empty()) fail(type, text);
  return negative ? -value : value;
}

template <class Float>
std::string float_text(Float value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  return std::string(buffer, end);
}

// --- calendar arithmetic on 64-bit day counts (std::chrono::year stops at 32767) ---

// Days since 1970-01-01 of the proleptic Gregorian date (astronomical year: 0 is 1 BC).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2), month, day};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// "2024-01-02" or "0044-03-15 BC" (PostgreSQL has no year 0).
std::string date_text(std::int64_t days, bool* bc) {
  const Civil civil = civil_from_days(days);
  *bc = civil.year <= 0;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u",
                static_cast<long long>(*bc ? 1 - civil.year : civil.year), civil.month, civil.day);
  return buffer;
}

std::string timestamp_text(std::int64_t micros, const char* zone) {
  const std::int64_t days = floor_div(micros, kMicrosPerDay);
  std::int64_t time = micros - days * kMicrosPerDay;
  bool bc = false;
  std::string text = date_text(days, &bc);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, " %02lld:%02lld:%02lld.%06lld%s", static_cast<long long>(time / 3'600'000'000),
                static_cast<long long>(time / 60'000'000 % 60), static_cast<long long>(time / kMicrosPerSecond % 60),
                static_cast<long long>(time % kMicrosPerSecond), zone);
  text += buffer;
  if (bc) text += " BC";
  return text;
}

// "[-]digits[.digits]" scaled by 10^6 exactly (more than six decimals must be zeros).
bool parse_scaled_decimal(std::string_view text, std::int64_t* out) {
  std::size_t at = 0;
  bool negative = false;
  if (at < text.size() && (text[at] == '-' || text[at] == '+')) negative = text[at++] == '-';
  std::int64_t integer = 0;
  std::size_t digits = 0;
  for (; at < text.size() && is_digit(text[at]); ++at, ++digits) {
    if (integer > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return false;
    integer = integer * 10 + (text[at] - '0');
  }
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  if (at < text.size() && text[at] == '.') {
    for (++at; at < text.size() && is_digit(text[at]); ++at, ++digits) {
      if (fraction_digits < 6) {
        fraction = fraction * 10 + (text[at] - '0');
        ++fraction_digits;
      } else if (text[at] != '0') {
        return false;  // finer than a microsecond
      }
    }
  }
  if (at != text.size() || digits == 0) return false;
  while (fraction_digits < 6) fraction *= 10, ++fraction_digits;
  if (integer > (std::numeric_limits<std::int64_t>::max() - fraction) / kMicrosPerSecond) return false;
  const std::int64_t value = integer * kMicrosPerSecond + fraction;
  *out = negative ? -value : value;
  return true;
}

std::string scaled_decimal_text(std::int64_t micros) {
  const bool negative = micros < 0;
  // |INT64_MIN| does not fit: split before negating.
  const auto magnitude = negative ? static_cast<std::uint64_t>(-(micros + 1)) + 1 : static_cast<std::uint64_t>(micros);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s%llu.%06llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / kMicrosPerSecond),
                static_cast<unsigned long long>(magnitude % kMicrosPerSecond));
  return buffer;
}

// An ISO 8601 / DateStyle ISO timestamp: date, optional time, optional zone, optional " BC".
struct IsoTimestamp {
  std::int64_t micros = 0;  // as if UTC, before the offset
  bool has_time = false;
  bool has_zone = false;
  std::int64_t offset_seconds = 0;  // east of UTC
};

bool parse_fixed_digits(std::string_view text, std::size_t& at, std::size_t count, int* out) {
  int value = 0;
  for (std::size_t i = 0; i < count; ++i, ++at) {
    if (at >= text.size() || !is_digit(text[at])) return false;
    value = value * 10 + (text[at] - '0');
  }
  *out = value;
  return true;
}

bool parse_iso(std::string_view text, IsoTimestamp* result) {
  std::size_t at = 0;
  bool bc = false;
  if (text.size() >= 3 && text.substr(text.size() - 3) == " BC") {
    bc = true;
    text.remove_suffix(3);
  }
  std::int64_t year = 0;
  std::size_t year_digits = 0;
  for (; at < text.size() && is_digit(text[at]); ++at, ++year_digits) {
    if (year > 100'000'000) return false;
    year = year * 10 + (text[at] - '0');
  }
  int month = 0, day = 0;
  if (year_digits < 4 || at >= text.size() || text[at++] != '-' || !parse_fixed_digits(text, at, 2, &month) ||
      at >= text.size() || text[at++] != '-' || !parse_fixed_digits(text, at, 2, &day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (bc) year = 1 - year;
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (civil_from_days(days).day != static_cast<unsigned>(day)) return false;  // 2023-02-30
  std::int64_t micros = days * kMicrosPerDay;
  if (at < text.size() && (text[at] == ' ' || text[at] == 'T')) {
    ++at;
    int hour = 0, minute = 0, second = 0;
    if (!parse_fixed_digits(text, at, 2, &hour) || at >= text.size() || text[at++] != ':' ||
        !parse_fixed_digits(text, at, 2, &minute)) {
      return false;
    }
    std::int64_t fraction = 0;
    if (at < text.size() && text[at] == ':') {
      ++at;
      if (!parse_fixed_digits(text, at, 2, &second)) return false;
      if (at < text.size() && text[at] == '.') {
        int digits = 0;
        for (++at; at < text.size() && is_digit(text[at]); ++at) {
          if (digits < 6) {
            fraction = fraction * 10 + (text[at] - '0');
            ++digits;
          } else if (text[at] != '0') {
            return false;
          }
        }
        while (digits < 6) fraction *= 10, ++digits;
      }
    }
    if (hour > 24 || minute > 59 || second > 60) return false;
    micros += (hour * 3600LL + minute * 60LL + second) * kMicrosPerSecond + fraction;
    result->has_time = true;
  }
  if (at < text.size()) {
    if (text[at] == 'Z' && at + 1 == text.size()) {
      result->has_zone = true;
      ++at;
    } else if (text[at] == '+' || text[at] == '-') {
      const int sign = text[at++] == '-' ? -1 : 1;
      int hours = 0, minutes = 0, seconds = 0;
      if (!parse_fixed_digits(text, at, 2, &hours)) return false;
      if (at < text.size() && text[at] == ':') ++at;
      if (at < text.size() && !parse_fixed_digits(text, at, 2, &minutes)) return false;
      if (at < text.size() && text[at] == ':') ++at;
      if (at < text.size() && !parse_fixed_digits(text, at, 2, &seconds)) return false;
      result->has_zone = true;
      result->offset_seconds = sign * (hours * 3600LL + minutes * 60LL + seconds);
    }
  }
  if (at != text.size()) return false;
  result->micros = micros;
  return true;
}

// The value is seconds since the epoch (what `extract(epoch FROM x)` prints) rather than ISO text.
bool looks_like_epoch(std::string_view text) {
  if (text.empty()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!(is_digit(c) || c == '.' || ((c == '-' || c == '+') && i == 0))) return false;
  }
  return true;
}

// -1 for -infinity, 1 for infinity, 0 otherwise.
int infinity_sign(std::string_view text) {
  if (equals_ignoring_case(text, "infinity") || equals_ignoring_case(text, "+infinity")) return 1;
  if (equals_ignoring_case(text, "-infinity")) return -1;
  return 0;
}

std::int64_t read_timestamp_micros(std::string_view text, std::string_view type, bool with_zone) {
  if (looks_like_epoch(text)) {
    std::int64_t micros = 0;
    if (!parse_scaled_decimal(text, &micros)) fail(type, text);
    return micros;
  }
  IsoTimestamp iso;
  if (!parse_iso(text, &iso)) fail(type, text);
  if (iso.has_zone && !with_zone) fail(type, text, "a timestamp without time zone has no offset");
  return iso.micros - iso.offset_seconds * kMicrosPerSecond;
}

}  // namespace

// --- to_text ---

std::string to_text(bool value) { return value ? "t" : "f"; }
std::string to_text(std::int16_t value) { return std::to_string(value); }
std::string to_text(std::int32_t value) { return std::to_string(value); }
std::string to_text(std::int64_t value) { return std::to_string(value); }
std::string to_text(float value) { return float_text(value); }
std::string to_text(double value) { return float_text(value); }
std::string to_text(const std::string& value) { return value; }
std::string to_text(std::string_view value) { return std::string(value); }
std::string to_text(const char* value) { return std::string(value); }
std::string to_text(const Numeric& value) { return value.text(); }
std::string to_text(const Uuid& value) { return value.to_string(); }

std::string to_text(const Interval& value) {
  // Appended piece by piece: `"P" + std::string&&` trips GCC 12's -Wrestrict false positive at -O3.
  std::string text = "P";
  text += std::to_string(value.months);
  text += "M";
  text += std::to_string(value.days);
  text += "DT";
  text += scaled_decimal_text(value.microseconds);
  text += "S";
  return text;
}

std::string to_text(const Bytes& value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + value.size() * 2);
  for (const std::byte b : value) {
    const auto v = std::to_integer<unsigned>(b);
    text += kHex[v >> 4];
    text += kHex[v & 0xf];
  }
  return text;
}

std::string to_text(const Date& value) {
  if (!value.ok()) throw ConversionError("invalid date");
  const auto days = days_from_civil(static_cast<int>(value.year()), static_cast<unsigned>(value.month()),
                                    static_cast<unsigned>(value.day()));
  bool bc = false;
  std::string text = date_text(days, &bc);
  if (bc) text += " BC";
  return text;
}

std::string to_text(const Timestamptz& value) {
  if (value == Timestamptz::max()) return "infinity";
  if (value == Timestamptz::min()) return "-infinity";
  return timestamp_text(value.time_since_epoch().count(), "+00");
}

std::string to_text(const Timestamp& value) {
  if (value == Timestamp::max()) return "infinity";
  if (value == Timestamp::min()) return "-infinity";
  return timestamp_text(value.time_since_epoch().count(), "");
}

// --- from_text ---

template <>
bool from_text<bool>(std::string_view text) {
  if (text == "t" || equals_ignoring_case(text, "true")) return true;
  if (text == "f" || equals_ignoring_case(text, "false")) return false;
  fail("boolean", text);
}

template <>
std::int16_t from_text<std::int16_t>(std::string_view text) { return parse_integer<std::int16_t>(text, "smallint"); }
template <>
std::int32_t from_text<std::int32_t>(std::string_view text) { return parse_integer<std::int32_t>(text, "integer"); }
template <>
std::int64_t from_text<std::int64_t>(std::string_view text) { return parse_integer<std::int64_t>(text, "bigint"); }
template <>
float from_text<float>(std::string_view text) { return parse_float<float>(text, "real"); }
template <>
double from_text<double>(std::string_view text) { return parse_float<double>(text, "double precision"); }
template <>
std::string from_text<std::string>(std::string_view text) { return std::string(text); }

template <>
Numeric from_text<Numeric>(std::string_view text) {
  try {
    return Numeric(text);
  } catch (const std::invalid_argument&) {
    fail("numeric", text);
  }
}

template <>
Uuid from_text<Uuid>(std::string_view text) {
  try {
    return Uuid::parse(text);
  } catch (const std::invalid_argument&) {
    fail("uuid", text);
  }
}

template <>
Interval from_text<Interval>(std::string_view text) {
  // ISO 8601 with designators: P[nY][nM][nW][nD][T[nH][nM][n[.n]S]], each number signed.
  if (text.empty() || text[0] != 'P') fail("interval", text, "expected ISO 8601 format P...");
  std::int64_t months = 0, days = 0, micros = 0;
  bool in_time = false;
  std::size_t at = 1;
  const auto add = [&](std::int64_t& field, std::int64_t value, std::int64_t factor) {
    if (__builtin_mul_overflow(value, factor, &value) || __builtin_add_overflow(field, value, &field)) {
      fail("interval", text, "out of range");
    }
  };
  while (at < text.size()) {
    if (text[at] == 'T') {
      if (in_time) fail("interval", text);
      in_time = true;
      ++at;
      continue;
    }
    std::size_t end = at;
    if (end < text.size() && (text[end] == '-' || text[end] == '+')) ++end;
    while (end < text.size() && (is_digit(text[end]) || text[end] == '.')) ++end;
    if (end == at || end >= text.size()) fail("interval", text);
    const std::string_view number = text.substr(at, end - at);
    const char unit = text[end];
    at = end + 1;
    if (in_time && unit == 'S') {
      std::int64_t value = 0;
      if (!parse_scaled_decimal(number, &value)) fail("interval", text);
      add(micros, value, 1);
      continue;
    }
    const auto value = parse_integer<std::int64_t>(number, "interval");
    if (!in_time && unit == 'Y') add(months, value, 12);
    else if (!in_time && unit == 'M') add(months, value, 1);
    else if (!in_time && unit == 'W') add(days, value, 7);
    else if (!in_time && unit == 'D') add(days, value, 1);
    else if (in_time && unit == 'H') add(micros, value, 3'600'000'000);
    else if (in_time && unit == 'M') add(micros, value, 60'000'000);
    else fail("interval", text);
  }
  if (months < std::numeric_limits<std::int32_t>::min() || months > std::numeric_limits<std::int32_t>::max() ||
      days < std::numeric_limits<std::int32_t>::min() || days > std::numeric_limits<std::int32_t>::max()) {
    fail("interval", text, "out of range");
  }
  return Interval{static_cast<std::int32_t>(months), static_cast<std::int32_t>(days), micros};
}

template <>
Bytes from_text<Bytes>(std::string_view text) {
  Bytes bytes;
  const auto hex = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    fail("bytea", text);
  };
  if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {  // bytea_output = hex
    std::size_t at = 2;
    bytes.reserve((text.size() - 2) / 2);
    while (at < text.size()) {
      if (text[at] == ' ' || text[at] == '\n' || text[at] == '\t') {
        ++at;
        continue;
      }
      if (at + 1 >= text.size()) fail("bytea", text);
      bytes.push_back(static_cast<std::byte>(hex(text[at]) * 16 + hex(text[at + 1])));
      at += 2;
    }
    return bytes;
  }
  for (std::size_t at = 0; at < text.size();) {  // bytea_output = escape
    if (text[at] != '\\') {
      bytes.push_back(static_cast<std::byte>(text[at++]));
    } else if (at + 1 < text.size() && text[at + 1] == '\\') {
      bytes.push_back(std::byte{'\\'});
      at += 2;
    } else if (at + 3 < text.size() && text[at + 1] >= '0' && text[at + 1] <= '3' && text[at + 2] >= '0' &&
               text[at + 2] <= '7' && text[at + 3] >= '0' && text[at + 3] <= '7') {
      bytes.push_back(static_cast<std::byte>((text[at + 1] - '0') * 64 + (text[at + 2] - '0') * 8 + (text[at + 3] - '0')));
      at += 4;
    } else {
      fail("bytea", text);
    }
  }
  return bytes;
}

template <>
Date from_text<Date>(std::string_view text) {
  if (infinity_sign(text) != 0) fail("date", text, "an infinite date has no std::chrono::year_month_day");
  std::int64_t days = 0;
  if (looks_like_epoch(text)) {
    std::int64_t micros = 0;
    if (!parse_scaled_decimal(text, &micros) || micros % kMicrosPerDay != 0) fail("date", text);
    days = micros / kMicrosPerDay;
  } else {
    IsoTimestamp iso;
    if (!parse_iso(text, &iso) || iso.has_time || iso.has_zone) fail("date", text);
    days = iso.micros / kMicrosPerDay;
  }
  const Civil civil = civil_from_days(days);
  if (civil.year < static_cast<int>(std::chrono::year::min()) || civil.year > static_cast<int>(std::chrono::year::max())) {
    fail("date", text, "outside std::chrono::year's range");
  }
  return Date{std::chrono::year(static_cast<int>(civil.year)), std::chrono::month(civil.month),
              std::chrono::day(civil.day)};
}

template <>
Timestamptz from_text<Timestamptz>(std::string_view text) {
  if (const int sign = infinity_sign(text)) return sign > 0 ? Timestamptz::max() : Timestamptz::min();
  return Timestamptz(microseconds(read_timestamp_micros(text, "timestamp with time zone", true)));
}

template <>
Timestamp from_text<Timestamp>(std::string_view text) {
  if (const int sign = infinity_sign(text)) return sign > 0 ? Timestamp::max() : Timestamp::min();
  return Timestamp(microseconds(read_timestamp_micros(text, "timestamp without time zone", false)));
}

// --- arrays ---

std::string array_literal(const std::vector<std::optional<std::string>>& elements) {
  std::string text = "{";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) text += ',';
    if (!elements[i]) {
      text += "NULL";
      continue;
    }
    text += '"';
    for (const char c : *elements[i]) {
      if (c == '"' || c == '\\') text += '\\';
      text += c;
    }
    text += '"';
  }
  text += '}';
  return text;
}

std::vector<std::optional<std::string>> parse_array(std::string_view text) {
  // "[0:2]={...}": an explicit lower bound, which std::vector does not keep.
  if (!text.empty() && text.front() == '[') {
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) fail("array", text);
    text.remove_prefix(equals + 1);
  }
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') fail("array", text);
  const std::string copy(text);  // array_parser reads a NUL-terminated string
  pqxx::array_parser parser(copy.c_str());
  std::vector<std::optional<std::string>> elements;
  int depth = 0;
  while (true) {
    auto [juncture, value] = parser.get_next();
    switch (juncture) {
      case pqxx::array_parser::row_start:
        if (++depth > 1) fail("array", text, "multi-dimensional arrays are not supported");
        break;
      case pqxx::array_parser::row_end:
        --depth;
        break;
      case pqxx::array_parser::null_value:
        elements.emplace_back(std::nullopt);
        break;
      case pqxx::array_parser::string_value:
        elements.emplace_back(std::move(value));
        break;
      case pqxx::array_parser::done:
        return elements;
    }
  }
}

}  // namespace strata::accessors
