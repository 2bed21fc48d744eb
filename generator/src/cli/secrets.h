// Passwords seen on the command line or in environment URLs, so that no error message, however
// it was composed (libpq, pg_dump, a runner detail), can print one.
#pragma once

#include <string>

namespace strata::cli {

// Remembers the password of a postgresql:// URL or keyword/value connection string, if it has one.
void register_secret(const std::string& connection);

// `text` with every remembered password replaced by ****.
std::string scrub_secrets(const std::string& text);

}  // namespace strata::cli
