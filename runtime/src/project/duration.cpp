#include <cctype>
#include <limits>
#include <stdexcept>
#include <utility>

#include "strata/project.h"
#include "strata/error.h"

namespace strata::project {

namespace {

constexpr const char* kAcceptedForms = "a number of milliseconds or a number with a unit: 200ms, 5s, 15min, 1h";

}  // namespace

std::chrono::milliseconds parse_duration(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == 0 || i > 15) {
    throw Error("invalid duration \"" + text + "\": expected " + kAcceptedForms);
  }
  const long long number = std::stoll(text.substr(0, i));
  const std::string unit = text.substr(i);
  static const std::pair<const char*, long long> kUnits[] = {
      {"", 1}, {"ms", 1}, {"s", 1'000}, {"min", 60'000}, {"h", 3'600'000},
  };
  for (const auto& [name, factor] : kUnits) {
    if (unit == name) {
      if (number > std::numeric_limits<long long>::max() / factor) {
        throw Error("invalid duration \"" + text + "\": too long");
      }
      return std::chrono::milliseconds(number * factor);
    }
  }
  throw Error("invalid duration \"" + text + "\": unknown unit \"" + unit + "\"; expected " +
                              kAcceptedForms);
}

std::string format_duration(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  if (ms == 0) return "0";
  if (ms % 3'600'000 == 0) return std::to_string(ms / 3'600'000) + "h";
  if (ms % 60'000 == 0) return std::to_string(ms / 60'000) + "min";
  if (ms % 1'000 == 0) return std::to_string(ms / 1'000) + "s";
  return std::to_string(ms) + "ms";
}

}  // namespace strata::project
