#include "bootstrap.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "app/db/migrations.h"
#include "strata/runner.h"

namespace example {
namespace {

std::array<unsigned char, 32> sha256(std::string_view text) {
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 || length != 32) {
    throw std::runtime_error("SHA-256 failed");
  }
  return digest;
}

}  // namespace

bool secrets_equal(std::string_view expected, std::string_view presented) {
  const auto a = sha256(expected);
  const auto b = sha256(presented);
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

MigrateEndpoint::MigrateEndpoint(std::string connection, std::string secret)
    : MigrateEndpoint(std::move(connection), std::move(secret), app::db::migrations()) {}

MigrateEndpoint::MigrateEndpoint(std::string connection, std::string secret,
                                 std::vector<strata::migrations::Migration> migrations)
    : connection_(std::move(connection)), secret_(std::move(secret)), migrations_(std::move(migrations)) {}

EndpointResponse MigrateEndpoint::handle(std::string_view method, std::string_view presented_secret) const {
  if (method != "POST") return {405, {{"error", "method not allowed: use POST"}}};
  if (secret_.empty()) return {403, {{"error", "the bootstrap endpoint is disabled (no secret configured)"}}};
  if (!secrets_equal(secret_, presented_secret)) return {401, {{"error", "wrong or missing secret"}}};
  try {
    strata::runner::RunOptions options;
    options.strata_version = "strata_example";
    const auto report = strata::runner::migrate(connection_, migrations_, options);
    nlohmann::json applied = nlohmann::json::array();
    for (const auto& migration : report.applied) applied.push_back(migration.name);
    return {200,
            {{"applied", applied},
             {"already_current", report.applied.empty()},
             {"waited_for_lock", report.waited_for_lock}}};
  } catch (const std::exception& error) {
    return {500, {{"error", error.what()}}};
  }
}

}  // namespace example
