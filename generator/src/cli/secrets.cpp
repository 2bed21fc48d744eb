#include "secrets.h"

#include <mutex>
#include <vector>

#include "strata/connection.h"

namespace strata::cli {
namespace {

std::mutex mutex;
std::vector<std::string>& secrets() {
  static std::vector<std::string> remembered;
  return remembered;
}

}  // namespace

void register_secret(const std::string& connection) {
  const auto found = runtime::connection_secrets(connection);
  std::lock_guard lock(mutex);
  secrets().insert(secrets().end(), found.begin(), found.end());
}

std::string scrub_secrets(const std::string& text) {
  std::lock_guard lock(mutex);
  return runtime::mask_secrets(text, secrets());
}

}  // namespace strata::cli
