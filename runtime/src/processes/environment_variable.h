// A variable of this process's environment, "" when it is not set.
#pragma once

#include <cstdlib>
#include <string>

namespace strata::runtime {

inline std::string environment_variable(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace strata::runtime
