// Finding the passwords of a connection string in any spelling, and masking them in messages
// that may quote them (libpq's, pg_dump's, ours).
#include <libpq-fe.h>

#include <cctype>
#include <mutex>

#include "strata/connection.h"

namespace strata::runtime {
namespace {

std::string percent_decode(const std::string& text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      decoded += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

std::vector<std::string> connection_secrets(const std::string& connection) {
  std::vector<std::string> secrets;
  const auto add = [&secrets](const std::string& secret) {
    if (secret.empty() || secret == "''") return;
    secrets.push_back(secret);
    if (const auto decoded = percent_decode(secret); decoded != secret) secrets.push_back(decoded);
  };
  if (char* error = nullptr; PQconninfoOption* options = PQconninfoParse(connection.c_str(), &error)) {
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
      const std::string keyword = option->keyword;
      if ((keyword == "password" || keyword == "sslpassword") && option->val != nullptr) add(option->val);
    }
    PQconninfoFree(options);
  } else if (error != nullptr) {
    PQfreemem(error);
  }
  const bool url = connection.rfind("postgresql://", 0) == 0 || connection.rfind("postgres://", 0) == 0;
  if (url) {
    const std::size_t start = connection.find("://") + 3;
    const std::size_t end = std::min(connection.find_first_of("/?", start), connection.size());
    const std::size_t at = connection.rfind('@', end);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = connection.find(':', start);
      if (colon < at) add(connection.substr(colon + 1, at - colon - 1));
    }
  }
  // password=... in a query string or a keyword/value string (bare or quoted values).
  for (const std::string key : {"sslpassword", "password"}) {
    for (std::size_t at = connection.find(key); at != std::string::npos; at = connection.find(key, at + 1)) {
      std::size_t i = at + key.size();
      while (i < connection.size() && connection[i] == ' ') ++i;
      if (i >= connection.size() || connection[i] != '=') continue;
      ++i;
      while (i < connection.size() && connection[i] == ' ') ++i;
      std::size_t end = i;
      if (i < connection.size() && connection[i] == '\'') {
        for (end = i + 1; end < connection.size() && connection[end] != '\''; ++end) {
          if (connection[end] == '\\') ++end;
        }
        add(connection.substr(i + 1, std::min(end, connection.size()) - i - 1));
      } else {
        while (end < connection.size() && connection[end] != '&' && !std::isspace(static_cast<unsigned char>(connection[end]))) ++end;
        add(connection.substr(i, end - i));
      }
    }
  }
  return secrets;
}

std::string mask_secrets(const std::string& text, const std::vector<std::string>& secrets) {
  std::string masked = text;
  for (const auto& secret : secrets) {
    for (std::size_t open = masked.find('"'); open != std::string::npos;) {
      const std::size_t close = masked.find('"', open + 1);
      if (close == std::string::npos) break;
      if (masked.substr(open + 1, close - open - 1).find(secret) != std::string::npos) {
        masked.replace(open + 1, close - open - 1, "****");
        open = masked.find('"', open + 6);
      } else {
        open = masked.find('"', close + 1);
      }
    }
    if (secret.size() >= 4) replace_all(masked, secret, "****");
  }
  return masked;
}

}  // namespace strata::runtime

namespace strata::runtime {
namespace {

std::mutex remembered_mutex;
std::vector<std::string>& remembered() {
  static std::vector<std::string> secrets;
  return secrets;
}

}  // namespace

void remember_secrets(const std::string& connection) {
  const auto found = connection_secrets(connection);
  std::lock_guard lock(remembered_mutex);
  remembered().insert(remembered().end(), found.begin(), found.end());
}

std::string scrub_remembered_secrets(const std::string& text) {
  std::lock_guard lock(remembered_mutex);
  return mask_secrets(text, remembered());
}

}  // namespace strata::runtime
