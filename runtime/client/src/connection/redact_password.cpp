#include <cctype>
#include <string_view>

#include "strata/connection.h"

namespace strata::runtime {

namespace {

constexpr std::string_view kMask = "****";

bool is_secret_keyword(std::string_view keyword) { return keyword == "password" || keyword == "sslpassword"; }

bool is_url(std::string_view connection) {
  return connection.rfind("postgresql://", 0) == 0 || connection.rfind("postgres://", 0) == 0;
}

// postgresql://user:secret@host/db?password=secret&sslpassword=secret
std::string redact_url(std::string url) {
  const std::size_t authority_start = url.find("://") + 3;
  const std::size_t authority_end = std::min(url.find_first_of("/?", authority_start), url.size());
  // The userinfo ends at the last '@' of the authority (an unencoded '@' in a password would
  // otherwise cut it short); the password starts after its first ':'.
  const std::size_t at = url.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority_start) {
    const std::size_t colon = url.find(':', authority_start);
    if (colon < at && colon + 1 < at) url.replace(colon + 1, at - colon - 1, kMask);
  }
  std::size_t parameter = url.find('?');
  while (parameter != std::string::npos) {
    const std::size_t start = parameter + 1;
    const std::size_t end = std::min(url.find('&', start), url.size());
    const std::size_t equals = url.find('=', start);
    if (equals < end && is_secret_keyword(std::string_view(url).substr(start, equals - start)) &&
        equals + 1 < end) {
      url.replace(equals + 1, end - equals - 1, kMask);
    }
    parameter = url.find('&', start);
  }
  return url;
}

// keyword = value pairs, values bare or single-quoted with backslash escapes (libpq's syntax).
std::string redact_keyword_value(const std::string& text) {
  std::string result;
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) result += text[i++];
  };
  while (i < text.size()) {
    skip_spaces();
    const std::size_t keyword_start = i;
    while (i < text.size() && text[i] != '=' && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view keyword = std::string_view(text).substr(keyword_start, i - keyword_start);
    result += keyword;
    skip_spaces();
    if (i >= text.size() || text[i] != '=') continue;  // malformed: copied as it is
    result += text[i++];
    skip_spaces();
    const std::size_t value_start = i;
    if (i < text.size() && text[i] == '\'') {
      for (++i; i < text.size() && text[i] != '\''; ++i) {
        if (text[i] == '\\') ++i;
      }
      i = std::min(i + 1, text.size());
    } else {
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    }
    const std::string_view value = std::string_view(text).substr(value_start, i - value_start);
    const bool empty_value = value.empty() || value == "''";
    result += is_secret_keyword(keyword) && !empty_value ? kMask : value;
  }
  return result;
}

}  // namespace

std::string redact_password(const std::string& connection) {
  return is_url(connection) ? redact_url(connection) : redact_keyword_value(connection);
}

}  // namespace strata::runtime
