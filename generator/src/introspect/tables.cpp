// Tables: ordinary, unlogged, partitioned, partitions and inheritance children, and foreign
// tables (attrs.foreign: their server and options).
#include "catalog_sql.h"
#include "readers.h"
#include "row_types.h"

namespace strata::introspect {
namespace {

// Temporary tables live in pg_temp schemas, which are not read.
const CodeNames kPersistenceNames = {{"p", "permanent"}, {"u", "unlogged"}};
// USING INDEX is said by the index (or constraint) itself: its replica_identity attr.
const CodeNames kReplicaIdentities = {{"d", "default"}, {"n", "nothing"}, {"f", "full"}, {"i", "index"}};

void read_tables(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    // A partition has exactly one parent (partition_of); other parents are inheritance.
    nlohmann::json parent_keys = nlohmann::json::array();
    for (const auto& parent : row.json("parents")) {
      parent_keys.push_back(schema_object(model::Kind::Table, parent[0].get<std::string>(),
                                          parent[1].get<std::string>()).key);
    }
    const bool is_partition = row.boolean("relispartition");

    auto table = schema_object(model::Kind::Table, row.text("nspname"), row.text("relname"));
    table.attrs = Attrs{
        {"persistence", row.code_name("relpersistence", kPersistenceNames)},
        {"partition_key", row.text_or_null("partition_key")},
        {"partition_of", is_partition ? parent_keys.at(0) : nlohmann::json(nullptr)},
        {"partition_bound", row.text_or_null("partition_bound")},
        {"inherits", is_partition ? nlohmann::json::array() : parent_keys},
        {"rls_enabled", row.boolean("relrowsecurity")},
        {"rls_forced", row.boolean("relforcerowsecurity")},
        {"options", row.json("options")},
        {"access_method", row.text_or_null("access_method")},
        {"replica_identity", row.code_name("relreplident", kReplicaIdentities)},
    };
    if (!row.is_null("of_type")) table.attrs["of_type"] = row.text("of_type");  // CREATE TABLE ... OF type
    if (!row.is_null("server")) {
      table.attrs["foreign"] = {{"server", row.text("server")}, {"options", row.json("foreign_options", nullptr)}};
    }
    auto& added = context.add({SystemCatalog::Class, row.oid("oid")}, std::move(table));
    register_row_type(context, row, added);
  }
}

}  // namespace

std::vector<Reader> table_readers() {
  return {{"read tables",
           std::string("SELECT c.oid, n.nspname, c.relname, c.relpersistence, ") + kRowTypeColumns +
               ", CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,"
               " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END"
               " AS partition_bound,"
               " (SELECT json_agg(json_build_array(parent_schema.nspname, parent.relname)"
               "   ORDER BY inh.inhseqno)"
               "  FROM pg_inherits inh JOIN pg_class parent ON parent.oid = inh.inhparent"
               "  JOIN pg_namespace parent_schema ON parent_schema.oid = parent.relnamespace"
               "  WHERE inh.inhrelid = c.oid) AS parents,"
               " c.relispartition, c.relrowsecurity, c.relforcerowsecurity,"
               // A foreign table has no replica identity (NOTHING, which cannot be changed).
               " CASE WHEN c.relkind = 'f' THEN 'd' ELSE c.relreplident END AS relreplident, " +
               // The TOAST table's options are the table's, as CREATE TABLE ... WITH (toast.x = y) set them.
               sql::sorted_json_array("array_cat(c.reloptions, (SELECT array_agg('toast.' || o) FROM pg_class toast,"
                                      " unnest(toast.reloptions) o WHERE toast.oid = c.reltoastrelid))") + " AS options,"
               " CASE WHEN am.amname <> 'heap' THEN am.amname END AS access_method,"
               " CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS of_type,"
               " fs.srvname AS server, " + sql::fdw_options_object("ft.ftoptions") + " AS foreign_options"
               " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " + kRowTypeJoin +
               " LEFT JOIN pg_am am ON am.oid = c.relam"
               " LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid"
               " LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver"
               " WHERE c.relkind IN ('r', 'p', 'f')"
               " AND " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_class", "c.oid"),
           read_tables}};
}

}  // namespace strata::introspect
