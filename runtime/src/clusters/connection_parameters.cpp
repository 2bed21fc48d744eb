#include "connection_parameters.h"

#include <libpq-fe.h>
#include <sys/un.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include "strata/error.h"

namespace strata::runtime {

namespace {

// (keyword, libpq's compiled-in default or "" when it has none, which libpq treats as unset)
// for every keyword libpq would otherwise read from an environment variable. Keywords without
// one cannot leak in and are left out, as is `service` (see scrub_libpq_environment()).
const ConnectionParameters& environment_backed_defaults() {
  static const ConnectionParameters defaults = [] {
    scrub_libpq_environment();  // with a bad PGSERVICE, PQconndefaults() fails
    PQconninfoOption* options = PQconndefaults();
    if (options == nullptr) throw Error("libpq could not list its connection options");
    ConnectionParameters result;
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
      if (option->envvar != nullptr && std::string(option->keyword) != "service") {
        result.emplace_back(option->keyword, option->compiled != nullptr ? option->compiled : "");
      }
    }
    PQconninfoFree(options);
    return result;
  }();
  return defaults;
}

std::string quote_value(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

bool needs_quotes(const std::string& value) {
  return value.empty() || value.find_first_of(" '\\\t\n") != std::string::npos;
}

std::string percent_encode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return encoded;
}

}  // namespace

ConnectionParameters connection_parameters(const ServerAddress& server, const std::string& dbname) {
  // What we mean, first (so the string reads well); then libpq's defaults for the rest.
  ConnectionParameters parameters = {
      {"host", server.socket_dir.string()},
      {"port", std::to_string(server.port)},
      {"user", server.user},
      {"dbname", dbname},
      {"password", ""},
      {"sslmode", "disable"},
      {"gssencmode", "disable"},
      {"options", ""},
      {"application_name", "strata"},
      {"client_encoding", "UTF8"},
      {"connect_timeout", "10"},
  };
  const auto chosen = [&parameters](const std::string& keyword) {
    return std::any_of(parameters.begin(), parameters.end(),
                       [&](const auto& p) { return p.first == keyword; });
  };
  for (const auto& [keyword, libpq_default] : environment_backed_defaults()) {
    if (!chosen(keyword)) parameters.emplace_back(keyword, libpq_default);
  }
  return parameters;
}

std::string keyword_value_string(const ConnectionParameters& parameters) {
  std::string text;
  for (const auto& [keyword, value] : parameters) {
    if (!text.empty()) text += ' ';
    text += keyword + "=" + (needs_quotes(value) ? quote_value(value) : value);
  }
  return text;
}

std::string postgresql_url(const ConnectionParameters& parameters) {
  // Everything as query parameters: the host is a socket directory, which the authority part
  // could only hold percent-encoded, and libpq gives query parameters the same meaning.
  std::string url = "postgresql://?";
  bool first = true;
  for (const auto& [keyword, value] : parameters) {
    url += (first ? "" : "&") + keyword + "=" + percent_encode(value);
    first = false;
  }
  return url;
}

void scrub_libpq_environment() {
  for (const char* name : {"PGSERVICE", "PGTZ", "PGDATESTYLE"}) {
    if (std::getenv(name) != nullptr) ::unsetenv(name);  // no environment write when not needed
  }
}

bool socket_path_fits(const std::filesystem::path& socket_dir, int port) {
  const std::string socket_file = (socket_dir / (".s.PGSQL." + std::to_string(port))).string();
  return socket_file.size() < sizeof(sockaddr_un{}.sun_path);
}

}  // namespace strata::runtime
