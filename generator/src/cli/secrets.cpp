#include "secrets.h"

#include <mutex>
#include <vector>

#include "strata/backup.h"
#include "strata/connection.h"

namespace strata::cli {
namespace {

std::mutex mutex;
std::vector<std::string>& secrets() {
  static std::vector<std::string> remembered;
  return remembered;
}

void remember(const std::string& secret) {
  if (secret.size() < 3) return;  // too short to mask without mangling every message
  std::lock_guard lock(mutex);
  secrets().push_back(secret);
}

// The password of a URL as written (percent-encoded, or one libpq cannot parse):
// postgresql://user:PASSWORD@host...
void remember_from_url_text(const std::string& connection) {
  const auto scheme = connection.find("://");
  if (scheme == std::string::npos) return;
  const auto start = scheme + 3;
  const auto end = std::min(connection.find_first_of("/?", start), connection.size());
  const auto at = connection.rfind('@', end);
  if (at == std::string::npos || at < start) return;
  const auto colon = connection.find(':', start);
  if (colon < at) remember(connection.substr(colon + 1, at - colon - 1));
}

}  // namespace

void register_secret(const std::string& connection) {
  remember_from_url_text(connection);
  try {
    if (auto password = backup::split_password(connection).password) remember(*password);
  } catch (const std::exception&) {
    // Not a connection libpq understands: the URL text above is all there is.
  }
}

std::string scrub_secrets(const std::string& text) {
  std::string result = text;
  std::lock_guard lock(mutex);
  for (const auto& secret : secrets()) {
    for (auto at = result.find(secret); at != std::string::npos; at = result.find(secret, at + 4)) {
      result.replace(at, secret.size(), "****");
    }
  }
  return result;
}

}  // namespace strata::cli
