// Catalogs compared as migrations can make them equal (generate's proof, drift, baseline).
#include "strata/model.h"

namespace strata::model {

nlohmann::json comparable(const Catalog& catalog) {
  auto json = catalog.to_json();
  for (auto& [key, entry] : json.items()) {
    if (!entry.contains("attrs") || !entry["attrs"].is_object()) continue;
    if (entry["kind"] == "column") {
      entry["attrs"].erase("position");
      // No DDL makes an existing column of a table that becomes a child (INHERIT) inherited-only
      // (attislocal stays true; pg_dump itself needs a catalog UPDATE for that).
      entry["attrs"].erase("inherited");
    }
    // Populated or not is the state of a database: a migration never empties one.
    if (entry["kind"] == "matview") entry["attrs"].erase("with_data");
  }
  return json;
}

std::vector<std::string> differences(const Catalog& expected, const Catalog& actual) {
  const auto want = comparable(expected);
  const auto got = comparable(actual);
  std::vector<std::string> lines;
  for (const auto& [key, entry] : want.items()) {
    if (!got.contains(key)) {
      lines.push_back("missing: " + key);
    } else if (got[key] != entry) {
      lines.push_back("differs: " + key + " (want " + entry.dump() + ", got " + got[key].dump() + ")");
    }
  }
  for (const auto& [key, entry] : got.items()) {
    if (!want.contains(key)) lines.push_back("unexpected: " + key);
  }
  return lines;
}

}  // namespace strata::model
