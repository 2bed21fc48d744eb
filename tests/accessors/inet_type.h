// A C++ type for inet, mapped by tests/accessors/types.json (a type override).
#pragma once

#include <string>
#include <string_view>

namespace strata_test {

struct Inet {
  std::string address;
  bool operator==(const Inet&) const = default;
};

inline std::string to_text(const Inet& value) { return value.address; }
inline Inet inet_from_text(std::string_view text) { return Inet{std::string(text)}; }

}  // namespace strata_test
