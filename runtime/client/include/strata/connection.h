// Connection helpers shared by the generator, the runner and the tests.
#pragma once

#include <string>
#include <vector>

namespace strata::runtime {

// Replaces the password in a postgresql:// URL or a keyword/value connection string with
// "****", so that connection targets can be printed, logged or put in errors.
std::string redact_password(const std::string& connection);

// Every spelling of the passwords in a connection string, found without needing it to be valid
// (libpq cannot parse a malformed string, exactly when its message quotes it back): the URL's
// userinfo password and password=/sslpassword= values, raw and percent-decoded, and libpq's own
// parse when it succeeds.
std::vector<std::string> connection_secrets(const std::string& connection);

// `text` with the secrets masked as ****: a "quoted" token containing one goes entirely (libpq
// quotes the part of a URL it cannot parse); secrets of 4 characters or more also wherever they
// appear (a shorter one would mangle every word that contains it).
std::string mask_secrets(const std::string& text, const std::vector<std::string>& secrets);

// The passwords of every connection a process has used, so that no message however composed
// (libpq's, pg_dump's, a runner detail) can print one: code that takes a connection from the
// command line or an environment variable remembers it, and the one place that prints errors
// scrubs them. Thread-safe.
void remember_secrets(const std::string& connection);
std::string scrub_remembered_secrets(const std::string& text);

}  // namespace strata::runtime
