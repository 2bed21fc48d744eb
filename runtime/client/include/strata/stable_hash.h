// FNV-1a (64 bit): a hash that is the same in every build, on every platform and in every process,
// unlike std::hash. For names derived from text: shard files of generated code, short socket
// directories for long paths, names of prepared statements.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strata {

constexpr std::uint64_t fnv1a_64(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

// fnv1a_64 as 16 lowercase hex digits.
inline std::string stable_hash(std::string_view text) {
  const std::uint64_t hash = fnv1a_64(text);
  constexpr const char* hex = "0123456789abcdef";
  std::string digits(16, '0');
  for (int i = 0; i < 16; ++i) digits[static_cast<std::size_t>(i)] = hex[(hash >> (60 - 4 * i)) & 15];
  return digits;
}

}  // namespace strata
