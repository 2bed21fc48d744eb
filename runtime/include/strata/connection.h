// Connection helpers shared by the generator, the runner and the tests.
#pragma once

#include <string>

namespace strata::runtime {

// Replaces the password in a postgresql:// URL or a keyword/value connection string with
// "****", so that connection targets can be printed, logged or put in errors.
std::string redact_password(const std::string& connection);

}  // namespace strata::runtime
