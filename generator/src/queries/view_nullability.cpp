// View columns get the typed queries' nullability inference (docs/queries.md, "Nullability"),
// from the view's definition and the catalog model, without a database: pg_get_viewdef names
// every column with its relation, so the FROM list resolves them.
#include <map>
#include <optional>
#include <sstream>

#include "nullability.h"
#include "strata/pg.h"
#include "strata/queries.h"

namespace strata::queries {

std::vector<bool> view_columns_not_null(const std::string& definition, std::size_t columns, const model::Catalog& catalog) {
  std::vector<bool> none(columns, false);
  std::optional<detail::Nullability> analysis;
  try {
    analysis.emplace(definition);
  } catch (const Error&) {
    return none;  // not a plain SELECT libpg_query reads: every column may be NULL
  }
  detail::CatalogFacts facts;
  std::map<std::string, std::string> names_of;  // table key -> the names a definition may use for it
  unsigned next_oid = 1;                        // stands in for the table's OID (only compared)
  for (const auto& [key, object] : catalog.objects) {
    if (object.kind != model::Kind::Table) continue;
    const auto qualified = pg::identifier(object.schema) + "." + pg::identifier(object.name);
    for (const auto& key : {qualified, object.schema == "public" ? pg::identifier(object.name) : std::string()}) {
      if (!key.empty() && analysis->relation_names().count(key)) {
        facts.relations[key].oid = next_oid;
        names_of[object.key] += key + "\n";
      }
    }
    ++next_oid;
  }
  for (const auto& [key, object] : catalog.objects) {
    if (object.kind != model::Kind::Column || !names_of.count(object.parent)) continue;
    std::istringstream keys(names_of[object.parent]);
    for (std::string key; std::getline(keys, key);) {
      facts.relations[key].not_null_by_name[object.name] = object.attrs.value("not_null", false);
    }
  }
  return analysis->not_null(std::vector<detail::FieldOrigin>(columns), facts);
}

}  // namespace strata::queries
