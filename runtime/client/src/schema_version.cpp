#include "strata/schema_version.h"

#include <set>

#include <pqxx/pqxx>

#include "strata/connection.h"
#include "strata/error.h"

namespace strata::schema_version {
namespace {

std::string message_for(const std::vector<std::string>& missing, const std::vector<BuiltMigration>& built_with,
                        const std::string& target) {
  std::string text = "the database" + (target.empty() ? std::string() : " " + target) +
                     " is behind the schema this program was built with: " + std::to_string(missing.size()) + " of " +
                     std::to_string(built_with.size()) + " migrations not applied (";
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i == 3 && missing.size() > 4) {
      text += ", ... " + missing.back();
      break;
    }
    text += (i ? ", " : "") + missing[i];
  }
  text += "); run `strata migrate` with the migrations it was built from, or strata::runner::migrate with its "
          "embedded migrations(), before starting it";
  return text;
}

}  // namespace

std::vector<std::string> missing_migrations(pqxx::connection_base& connection,
                                            const std::vector<BuiltMigration>& built_with) {
  pqxx::nontransaction work(connection, "strata_schema_version");
  std::set<std::string> applied;
  if (work.exec("SELECT to_regclass('strata.migrations') IS NOT NULL")[0][0].as<bool>()) {
    for (const auto& row : work.exec("SELECT version FROM strata.migrations WHERE statements_done IS NULL")) {
      applied.insert(row[0].c_str());
    }
  }
  std::vector<std::string> missing;
  for (const auto& migration : built_with) {
    if (!applied.count(migration.version)) missing.push_back(migration.name);
  }
  return missing;
}

void require_current(pqxx::connection_base& connection, const std::vector<BuiltMigration>& built_with) {
  const auto missing = missing_migrations(connection, built_with);
  if (!missing.empty()) throw SchemaBehindError(message_for(missing, built_with, ""), missing);
}

void require_current(const std::string& connection_string, const std::vector<BuiltMigration>& built_with) {
  std::vector<std::string> missing;
  try {
    pqxx::connection connection(connection_string);
    missing = missing_migrations(connection, built_with);
  } catch (const std::exception& error) {
    throw Error("cannot check the schema version of " + runtime::redact_password(connection_string) +
                             ": " + error.what());
  }
  if (!missing.empty()) {
    throw SchemaBehindError(message_for(missing, built_with, runtime::redact_password(connection_string)), missing);
  }
}

}  // namespace strata::schema_version
