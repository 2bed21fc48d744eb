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

namespace {

std::string shown(const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// The leaves where `got` differs from `want`, as "path got, expected want" (one line each, for
// people: "attrs.type text, expected character varying(10000)").
void leaf_differences(const nlohmann::json& want, const nlohmann::json& got, const std::string& path,
                      std::vector<std::string>& out) {
  if (want == got) return;
  const auto here = path.empty() ? std::string("value") : path;
  if (want.is_object() && got.is_object()) {
    for (const auto& [key, value] : want.items()) {
      // An object's attributes are named on their own: "type", not "attrs.type".
      const auto child = path.empty() ? (key == "attrs" ? std::string() : key) : path + "." + key;
      if (!got.contains(key)) out.push_back((child.empty() ? key : child) + " none, expected " + shown(value));
      else leaf_differences(value, got[key], child, out);
    }
    for (const auto& [key, value] : got.items()) {
      if (!want.contains(key)) out.push_back((path.empty() ? key : path + "." + key) + " " + shown(value) + ", expected none");
    }
    return;
  }
  out.push_back(here + " " + shown(got) + ", expected " + shown(want));
}

}  // namespace

std::vector<std::string> differences(const Catalog& expected, const Catalog& actual) {
  const auto want = comparable(expected);
  const auto got = comparable(actual);
  std::vector<std::string> lines;
  for (const auto& [key, entry] : want.items()) {
    if (!got.contains(key)) {
      lines.push_back("missing: " + key);
    } else if (got[key] != entry) {
      std::vector<std::string> leaves;
      leaf_differences(entry, got[key], "", leaves);
      std::string line = "differs: " + key + ": ";
      for (std::size_t i = 0; i < leaves.size(); ++i) line += (i == 0 ? "" : "; ") + leaves[i];
      lines.push_back(line);
    }
  }
  for (const auto& [key, entry] : got.items()) {
    if (!want.contains(key)) lines.push_back("unexpected: " + key);
  }
  return lines;
}

}  // namespace strata::model
