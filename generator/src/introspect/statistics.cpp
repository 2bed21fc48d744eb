// Extended statistics (CREATE STATISTICS): objects of their table, written by
// pg_get_statisticsobjdef; the statistics target is set apart (ALTER STATISTICS).
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

void read_statistics(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    const model::Object* table = context.relation(row.oid("stxrelid"));
    if (table == nullptr) continue;
    auto statistics = schema_object(model::Kind::Statistics, row.text("nspname"), row.text("stxname"));
    statistics.parent = table->key;
    statistics.attrs = Attrs{{"definition", row.text("definition")},
                             {"target", row.integer("stxstattarget") < 0 ? nlohmann::json(nullptr)
                                                                         : nlohmann::json(row.integer("stxstattarget"))}};
    context.add({SystemCatalog::StatisticExt, row.oid("oid")}, std::move(statistics));
  }
}

}  // namespace

std::vector<Reader> statistics_readers() {
  return {{"read extended statistics",
           "SELECT s.oid, s.stxrelid, n.nspname, s.stxname, s.stxstattarget,"
           " pg_get_statisticsobjdef(s.oid) AS definition"
           " FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace"
           " WHERE " + sql::is_user_schema("n") + " AND " + sql::is_not_extension_member("pg_statistic_ext", "s.oid"),
           read_statistics}};
}

}  // namespace strata::introspect
