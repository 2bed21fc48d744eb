// Table constraints: primary key, unique, foreign key, check, exclusion. Domain constraints are
// part of their domain (types.cpp); NOT NULL is a column attribute in PostgreSQL 15.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

// Expression: the names of the columns `attnums` (an int2[]) of relation `relation`, as a JSON
// array in the array's order.
std::string column_names(const std::string& relation, const std::string& attnums) {
  return "(SELECT json_agg(a.attname ORDER BY k.n) FROM unnest(" + attnums + ") WITH ORDINALITY k(attnum, n)"
         " JOIN pg_attribute a ON a.attrelid = " + relation + " AND a.attnum = k.attnum)";
}

void read_constraints(Context& context, const QueryResult& rows) {
  std::vector<PendingReference> parent_constraints;
  for (const auto& row : rows) {
    const model::Object* table = context.relation(row.oid("conrelid"));
    if (table == nullptr) continue;

    auto constraint = table_object(model::Kind::Constraint, *table, row.text("conname"));
    const Oid index_oid = row.oid("index_oid");
    constraint.attrs = Attrs{
        {"type", row.text("contype")},
        {"definition", row.text("definition")},
        {"deferrable", row.boolean("condeferrable")},
        {"deferred", row.boolean("condeferred")},
        {"validated", row.boolean("convalidated")},
        {"inherited", !row.boolean("conislocal")},
        {"parent_constraint", nullptr},
        {"index", index_oid == 0 ? nlohmann::json(nullptr)
                                 : nlohmann::json(schema_object(model::Kind::Index,
                                                                row.text("index_schema"),
                                                                row.text("index_name")).key)},
        {"columns", row.json("columns", nullptr)},
        {"referenced_table", nullptr},
        {"referenced_columns", row.json("referenced_columns", nullptr)},
        // Roles of the constraint's index: ALTER TABLE ... REPLICA IDENTITY USING INDEX / CLUSTER ON.
        {"replica_identity", row.boolean("indisreplident")},
        {"clustered", row.boolean("indisclustered")},
    };
    if (const Oid referenced = row.oid("confrelid")) {
      const model::Object* referenced_table = context.relation(referenced);
      if (referenced_table != nullptr) constraint.attrs["referenced_table"] = referenced_table->key;
    }
    auto& added = context.add({SystemCatalog::Constraint, row.oid("oid")}, std::move(constraint));
    // The index is part of the constraint: a foreign key's dependency on the referenced
    // table's unique index is a dependency on its unique constraint.
    if (index_oid != 0) context.registry().add_alias({SystemCatalog::Class, index_oid}, added);
    if (Oid parent = row.oid("conparentid")) {
      parent_constraints.push_back({&added, "parent_constraint", {SystemCatalog::Constraint, parent}});
    }
  }
  resolve_references(context, parent_constraints);
}

}  // namespace

std::vector<Reader> constraint_readers() {
  // A foreign key that references a partitioned table gets a clone for every partition of the
  // referenced table, on the same referencing table (conparentid set, conrelid unchanged).
  // PostgreSQL makes and drops those clones itself, so they are left out. Clones on the
  // partitions of a partitioned referencing table are kept, with their parent_constraint.
  return {{"read constraints",
           "SELECT con.oid, con.conrelid, con.conname, con.contype,"
           " pg_get_constraintdef(con.oid) AS definition, con.condeferrable, con.condeferred,"
           " con.convalidated, con.conislocal, con.conparentid,"
           " CASE WHEN con.contype IN ('p', 'u', 'x') THEN con.conindid END AS index_oid,"
           " index_schema.nspname AS index_schema, index.relname AS index_name,"
           " CASE WHEN con.contype IN ('p', 'u', 'f') THEN " + column_names("con.conrelid", "con.conkey") + " END AS columns,"
           " CASE WHEN con.contype = 'f' THEN con.confrelid END AS confrelid,"
           " CASE WHEN con.contype = 'f' THEN " + column_names("con.confrelid", "con.confkey") + " END AS referenced_columns"
           ", coalesce(ix.indisreplident, false) AS indisreplident, coalesce(ix.indisclustered, false) AS indisclustered"
           " FROM pg_constraint con"
           " LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype IN ('p', 'u', 'x')"
           " JOIN pg_class rel ON rel.oid = con.conrelid"
           " JOIN pg_namespace n ON n.oid = rel.relnamespace"
           " LEFT JOIN pg_constraint parent ON parent.oid = con.conparentid"
           " LEFT JOIN pg_class index ON index.oid = con.conindid AND con.contype IN ('p', 'u', 'x')"
           " LEFT JOIN pg_namespace index_schema ON index_schema.oid = index.relnamespace"
           " WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND " + sql::is_user_schema("n") +
               " AND (parent.oid IS NULL OR parent.conrelid <> con.conrelid)",
           read_constraints}};
}

}  // namespace strata::introspect
