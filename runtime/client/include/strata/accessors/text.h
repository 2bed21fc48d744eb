// Conversions between the accessors' C++ types and PostgreSQL's text format (docs/accessors.md).
//
// to_text() renders what PostgreSQL's input functions read whatever the session's DateStyle,
// IntervalStyle and TimeZone: ISO 8601 dates and timestamps (timestamptz with an explicit +00
// offset), ISO 8601 intervals with designators, bytea in hex.
//
// from_text() reads what the generated queries select. PostgreSQL prints dates, timestamps and
// intervals according to session settings, so the generated SQL selects them in a fixed form
// instead: dates and timestamps as seconds since 1970-01-01 (`extract(epoch FROM x)`, exact
// numeric), intervals as `P<months>M<days>DT<seconds>S`. from_text() also reads ISO 8601 text
// ("2024-01-02 03:04:05.123456+05:30", the DateStyle ISO output), so it can parse values read
// elsewhere. bytea is read in both the hex and the escape output format.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "strata/accessors/types.h"
#include "strata/error.h"

namespace strata::accessors {

// A value PostgreSQL sent that the C++ type cannot hold, or text that is not of the type.
class ConversionError : public Error {
 public:
  using Error::Error;
};

// --- C++ -> PostgreSQL input text ---
std::string to_text(bool value);
std::string to_text(std::int16_t value);
std::string to_text(std::int32_t value);
std::string to_text(std::int64_t value);
std::string to_text(float value);   // shortest text that reads back exactly; NaN, Infinity, -Infinity
std::string to_text(double value);
std::string to_text(const std::string& value);
std::string to_text(std::string_view value);
std::string to_text(const char* value);
std::string to_text(const Numeric& value);
std::string to_text(const Uuid& value);
std::string to_text(const Interval& value);     // P<months>M<days>DT<seconds>S
std::string to_text(const Bytes& value);        // \x0a1b...
std::string to_text(const Date& value);         // 2024-01-02, 0044-03-15 BC
std::string to_text(const Timestamptz& value);  // 2024-01-02 03:04:05.123456+00; max()/min(): infinity
std::string to_text(const Timestamp& value);    // 2024-01-02 03:04:05.123456

// --- PostgreSQL text -> C++ ---
// Specialised for every type above (std::string for the text types); throws ConversionError.
template <class T>
T from_text(std::string_view text) = delete;

template <> bool from_text<bool>(std::string_view text);
template <> std::int16_t from_text<std::int16_t>(std::string_view text);
template <> std::int32_t from_text<std::int32_t>(std::string_view text);
template <> std::int64_t from_text<std::int64_t>(std::string_view text);
template <> float from_text<float>(std::string_view text);
template <> double from_text<double>(std::string_view text);
template <> std::string from_text<std::string>(std::string_view text);
template <> Numeric from_text<Numeric>(std::string_view text);
template <> Uuid from_text<Uuid>(std::string_view text);
template <> Interval from_text<Interval>(std::string_view text);
template <> Bytes from_text<Bytes>(std::string_view text);
template <> Date from_text<Date>(std::string_view text);
template <> Timestamptz from_text<Timestamptz>(std::string_view text);
template <> Timestamp from_text<Timestamp>(std::string_view text);

// --- one-dimensional arrays ---
// An array literal: {"a","b c",NULL}. Every element is double-quoted (quotes and backslashes
// escaped), NULL elements are NULL.
std::string array_literal(const std::vector<std::optional<std::string>>& elements);
// The elements of an array's text; an explicit lower bound ("[0:1]={...}") is dropped. Throws
// ConversionError for a multi-dimensional array (the accessors map arrays to std::vector).
std::vector<std::optional<std::string>> parse_array(std::string_view text);

template <class T, class ElementToText>
std::string array_to_text(const std::vector<std::optional<T>>& values, ElementToText element_to_text) {
  std::vector<std::optional<std::string>> elements;
  elements.reserve(values.size());
  for (const auto& value : values) {
    if (value) {
      elements.emplace_back(element_to_text(*value));
    } else {
      elements.emplace_back(std::nullopt);
    }
  }
  return array_literal(elements);
}

template <class T, class ElementFromText>
std::vector<std::optional<T>> array_from_text(std::string_view text, ElementFromText element_from_text) {
  std::vector<std::optional<T>> values;
  for (const auto& element : parse_array(text)) {
    if (element) {
      values.emplace_back(element_from_text(std::string_view(*element)));
    } else {
      values.emplace_back(std::nullopt);
    }
  }
  return values;
}

}  // namespace strata::accessors
