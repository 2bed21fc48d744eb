// Columns of tables, and their defaults as separate Default objects. A generated column's
// expression is part of the column; so is an identity column's sequence.
#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

const CodeNames kStorageNames = {{"p", "plain"}, {"e", "external"}, {"x", "extended"}, {"m", "main"}};
const CodeNames kCompressionNames = {{"p", "pglz"}, {"l", "lz4"}};
const CodeNames kIdentityNames = {{"a", "always"}, {"d", "by default"}};

// Sets each column's position: its rank among the live columns of its table (a dropped column
// leaves a gap in attnum). Done here rather than with a window function in the query, which
// would sort every row of the result on the server.
void number_columns(std::unordered_map<Oid, std::vector<std::pair<int, model::Object*>>>& tables) {
  for (auto& [table, columns] : tables) {
    std::sort(columns.begin(), columns.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < columns.size(); ++i) {
      columns[i].second->attrs["position"] = static_cast<int>(i + 1);
    }
  }
}

void read_columns(Context& context, const QueryResult& rows) {
  auto& registry = context.registry();
  // (attnum, column) by table.
  std::unordered_map<Oid, std::vector<std::pair<int, model::Object*>>> tables;
  for (const auto& row : rows) {
    const model::Object* table = context.relation(row.oid("attrelid"));
    if (table == nullptr) continue;
    const std::string name = row.text("attname");
    const bool generated = !row.text("attgenerated").empty();
    const nlohmann::json identity = row.json("identity", nullptr);

    auto column = table_object(model::Kind::Column, *table, name);
    column.attrs = Attrs{
        {"position", nullptr},  // set by number_columns()
        {"type", row.text("type")},
        {"not_null", row.boolean("attnotnull")},
        {"collation", row.text_or_null("collation")},
        {"identity", row.code_name_or_null("attidentity", kIdentityNames)},
        {"identity_options", identity.is_null() ? nlohmann::json(nullptr) : identity["options"]},
        {"generated", generated ? row.text_or_null("default_expr") : nlohmann::json(nullptr)},
        {"inherited", !row.boolean("attislocal")},
        {"storage", row.code_name_or_null("storage", kStorageNames)},
        {"compression", row.code_name_or_null("attcompression", kCompressionNames)},
        // ALTER COLUMN ... SET STATISTICS (null: the default) and SET (n_distinct = ...).
        {"statistics", row.integer("attstattarget") < 0 ? nlohmann::json(nullptr) : nlohmann::json(row.integer("attstattarget"))},
        {"options", row.json("options", nullptr)},
    };
    // A foreign table's column options (OPTIONS (column_name 'x')).
    if (!row.is_null("fdw_options")) column.attrs["fdw_options"] = row.json("fdw_options");
    const CatalogAddress address{SystemCatalog::Class, row.oid("attrelid"), row.integer("attnum")};
    model::Object& added_column = context.add(address, std::move(column));
    tables[address.objid].emplace_back(address.subid, &added_column);
    if (!identity.is_null()) {
      registry.add_alias({SystemCatalog::Class, identity["sequence"].get<Oid>()}, added_column);
    }

    const Oid default_oid = row.oid("default_oid");
    if (default_oid == 0) continue;
    if (generated) {
      // The generation expression's pg_attrdef row is part of the column.
      registry.add_alias({SystemCatalog::AttrDef, default_oid}, added_column);
      continue;
    }
    auto column_default = table_object(model::Kind::Default, *table, name);
    column_default.attrs = Attrs{{"expr", row.text("default_expr")}};
    context.add({SystemCatalog::AttrDef, default_oid}, std::move(column_default));
  }
  number_columns(tables);
}

}  // namespace

std::vector<Reader> column_readers() {
  // The tables are filtered by schema here only to keep the result small; the relation lookup
  // above decides which columns are in the model. An identity column's options are those of
  // its sequence (an internal dependency on the column), looked up for identity columns only.
  return {{"read columns",
           "SELECT a.attrelid, a.attnum, a.attname,"
           " format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, " +
               sql::non_default_collation("a.attcollation", "t.typcollation") + " AS collation,"
               " a.attidentity, a.attgenerated, a.attislocal,"
               " CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,"
               " a.attcompression, a.attstattarget, " + sql::sorted_json_array("a.attoptions") + " AS options, " +
               sql::fdw_options_object("a.attfdwoptions") + " AS fdw_options,"
               " ad.oid AS default_oid,"
               " pg_get_expr(ad.adbin, ad.adrelid) AS default_expr,"
               " CASE WHEN a.attidentity <> '' THEN (SELECT json_build_object("
               "   'sequence', s.seqrelid::int8, 'options', " + sql::sequence_options("s") + ")"
               "  FROM pg_depend identity JOIN pg_sequence s ON s.seqrelid = identity.objid"
               "  WHERE identity.classid = 'pg_class'::regclass"
               "  AND identity.refclassid = 'pg_class'::regclass AND identity.refobjid = a.attrelid"
               "  AND identity.refobjsubid = a.attnum AND identity.deptype = 'i') END AS identity"
               " FROM pg_attribute a"
               " JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p', 'f')"
               " JOIN pg_namespace n ON n.oid = c.relnamespace"
               " JOIN pg_type t ON t.oid = a.atttypid"
               " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
               " WHERE a.attnum > 0 AND NOT a.attisdropped AND " + sql::is_user_schema("n"),
           read_columns}};
}

}  // namespace strata::introspect
