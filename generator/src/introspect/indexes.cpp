// Indexes that do not implement a constraint (those are part of their constraint).
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

void read_indexes(Context& context, const QueryResult& rows) {
  std::vector<PendingReference> parent_indexes;
  for (const auto& row : rows) {
    const model::Object* table = context.relation(row.oid("indrelid"));
    if (table == nullptr) continue;
    auto index = schema_object(model::Kind::Index, row.text("nspname"), row.text("relname"));
    index.parent = table->key;
    index.attrs = Attrs{{"definition", row.text("definition")},
                        {"unique", row.boolean("indisunique")},
                        {"parent_index", nullptr},
                        {"columns", row.json("columns", nullptr)},
                        {"partial", row.boolean("partial")},
                        {"replica_identity", row.boolean("indisreplident")},
                        {"clustered", row.boolean("indisclustered")},
                        // ALTER INDEX ... ALTER COLUMN n SET STATISTICS (expression columns): {"n": target}.
                        {"column_statistics", row.json("column_statistics", nullptr)}};
    auto& added = context.add({SystemCatalog::Class, row.oid("indexrelid")}, std::move(index));
    if (Oid parent = row.oid("parent_index")) {
      parent_indexes.push_back({&added, "parent_index", {SystemCatalog::Class, parent}});
    }
  }
  resolve_references(context, parent_indexes);
}

}  // namespace

std::vector<Reader> index_readers() {
  // A constraint's index has an internal dependency on the constraint.
  return {{"read indexes",
           "SELECT i.indexrelid, i.indrelid, n.nspname, c.relname,"
           " pg_get_indexdef(i.indexrelid) AS definition, i.indisunique, i.indisreplident, i.indisclustered,"
           " (SELECT json_object_agg(a.attnum::text, a.attstattarget ORDER BY a.attnum) FROM pg_attribute a"
           "  WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0) AS column_statistics,"
           // The key columns (not INCLUDE columns) in key order, NULL when a key is an expression.
           " CASE WHEN i.indexprs IS NULL THEN (SELECT json_agg(a.attname ORDER BY k.n)"
           "  FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)"
           "  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
           "  WHERE k.n <= i.indnkeyatts) END AS columns,"
           " i.indpred IS NOT NULL AS partial,"
           " (SELECT inh.inhparent FROM pg_inherits inh WHERE inh.inhrelid = i.indexrelid)"
           " AS parent_index"
           " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
           " JOIN pg_namespace n ON n.oid = c.relnamespace"
           " WHERE " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_class", "c.oid") +
               " AND NOT EXISTS (SELECT FROM pg_depend backs"
               "  WHERE backs.classid = 'pg_class'::regclass AND backs.objid = i.indexrelid"
               "  AND backs.refclassid = 'pg_constraint'::regclass AND backs.deptype = 'i')",
           read_indexes}};
}

}  // namespace strata::introspect
