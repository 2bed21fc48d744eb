#include "names.h"

#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <vector>

#include "strata/test_database.h"

namespace strata::testdb {
namespace detail {

namespace {

bool all_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1) {
    parts.push_back(text.substr(start, at - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

std::string short_key(const std::string& key) { return key.substr(0, kKeyChars); }

std::string build_name(const std::string& key) { return template_database_name(key) + "_build"; }

std::string clone_name(char kind, const std::string& key, int counter) {
  return std::string("strata_") + kind + "_" + short_key(key) + "_" + std::to_string(::getpid()) + "_" +
         std::to_string(now_epoch()) + "_" + std::to_string(counter);
}

std::string clone_pattern(char kind, const std::string& key) {
  std::string pattern = std::string("strata\\_") + kind + "\\_";
  if (!key.empty()) pattern += short_key(key) + "\\_";
  return pattern + "%";
}

std::optional<CloneName> parse_clone_name(const std::string& name) {
  const auto parts = split(name, '_');  // strata, kind, key, pid, epoch, n
  if (parts.size() != 6 || parts[0] != "strata" || parts[1].size() != 1 ||
      std::string("rts").find(parts[1][0]) == std::string::npos || parts[2].size() != kKeyChars ||
      !all_digits(parts[3]) || !all_digits(parts[4]) || !all_digits(parts[5]) || parts[3].size() > 9 ||
      parts[4].size() > 12) {
    return std::nullopt;
  }
  return CloneName{parts[1][0], parts[2], static_cast<pid_t>(std::stol(parts[3])), std::stoll(parts[4])};
}

std::optional<std::string> parse_template_name(const std::string& name) {
  const std::string prefix = "strata_tpl_";
  if (name.rfind(prefix, 0) != 0 || name.size() != prefix.size() + kKeyChars) return std::nullopt;
  return name.substr(prefix.size());
}

int lock_key(const std::string& key) {
  return static_cast<int>(static_cast<std::uint32_t>(std::stoul(key.substr(0, 8), nullptr, 16)));
}

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace detail

std::string template_database_name(const std::string& key) { return "strata_tpl_" + detail::short_key(key); }

}  // namespace strata::testdb
