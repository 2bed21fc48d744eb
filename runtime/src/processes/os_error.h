// A failed system call as strata::Error: "<what>: <strerror(errno)>".
#pragma once

#include <cerrno>
#include <cstring>
#include <string>

#include "strata/error.h"

namespace strata {

inline Error os_error(const std::string& what, int error = errno) { return Error(what + ": " + std::strerror(error)); }

}  // namespace strata
