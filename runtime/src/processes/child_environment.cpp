#include "strata/child_environment.h"

#include <unistd.h>

#include <algorithm>

namespace strata::runtime {
namespace {

// "NAME=value" -> NAME
std::string_view name_of(std::string_view entry) { return entry.substr(0, entry.find('=')); }

}  // namespace

ChildEnvironment ChildEnvironment::inherited() {
  ChildEnvironment environment;
  for (char** entry = ::environ; entry != nullptr && *entry != nullptr; ++entry) environment.entries_.emplace_back(*entry);
  return environment;
}

ChildEnvironment& ChildEnvironment::set(std::string_view name, std::optional<std::string_view> value) {
  std::erase_if(entries_, [&](const std::string& entry) { return name_of(entry) == name; });
  if (value) entries_.push_back(std::string(name) + "=" + std::string(*value));
  return *this;
}

ChildEnvironment& ChildEnvironment::remove_prefixed(std::string_view prefix) {
  std::erase_if(entries_, [&](const std::string& entry) { return name_of(entry).starts_with(prefix); });
  return *this;
}

}  // namespace strata::runtime
