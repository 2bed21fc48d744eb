// The "bootstrap endpoint" pattern: an HTTP endpoint that applies the migrations compiled into
// the program (app::db::migrations()) with strata::runner::migrate, the same guarantees as
// `strata migrate` (history, integrity, advisory lock: concurrent calls apply each migration
// once). POST only, protected by a secret compared in constant time, idempotent (a second call
// applies nothing and says so), JSON result.
//
// MigrateEndpoint is the transport-free logic; http_server.h serves it with cpp-httplib.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "strata/migrations.h"

namespace example {

// Equal strings, in time that does not depend on where they differ (nor, beyond hashing, on
// their lengths): both are hashed with SHA-256 and the digests compared with CRYPTO_memcmp.
bool secrets_equal(std::string_view expected, std::string_view presented);

struct EndpointResponse {
  int status = 200;     // HTTP status
  nlohmann::json body;  // {"applied":[names], "already_current":bool, "waited_for_lock":bool} or {"error":...}
};

class MigrateEndpoint {
 public:
  // An empty `secret` disables the endpoint (every call is refused with 403).
  MigrateEndpoint(std::string connection, std::string secret);
  MigrateEndpoint(std::string connection, std::string secret, std::vector<strata::migrations::Migration> migrations);

  // 405 for any method but POST (checked first, the secret is not looked at), 401 for a missing
  // or wrong secret, 403 when disabled, 200 with what was applied, 500 when the runner failed
  // (its message: targets are redacted by the runner).
  EndpointResponse handle(std::string_view method, std::string_view presented_secret) const;

  static constexpr const char* kPath = "/admin/migrate";
  static constexpr const char* kSecretHeader = "X-Bootstrap-Secret";

 private:
  std::string connection_;
  std::string secret_;
  std::vector<strata::migrations::Migration> migrations_;
};

}  // namespace example
