// Sequences, and their OWNED BY as separate SequenceOwner objects.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

void read_sequences(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto sequence = schema_object(model::Kind::Sequence, row.text("nspname"), row.text("relname"));
    sequence.attrs = row.json("options");
    sequence.attrs["data_type"] = row.text("data_type");
    sequence.attrs["unlogged"] = row.text("relpersistence") == "u";
    context.add({SystemCatalog::Class, row.oid("oid")}, std::move(sequence));
  }
}

void read_sequence_owners(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    const model::Object* sequence = context.relation(row.oid("sequence"));
    const model::Object* table = context.relation(row.oid("table"));
    if (sequence == nullptr || table == nullptr) continue;
    const std::string column = row.text("attname");
    auto owner = schema_object(model::Kind::SequenceOwner, sequence->schema, sequence->name);
    owner.parent = sequence->key;
    owner.attrs = Attrs{{"table", table->key}, {"column", column}};
    owner.depends_on = {sequence->key, table_object(model::Kind::Column, *table, column).key};
    context.add(std::move(owner));
  }
}

}  // namespace

std::vector<Reader> sequence_readers() {
  // Identity sequences (an internal dependency on their column) are part of the column.
  return {{"read sequences",
           "SELECT c.oid, n.nspname, c.relname, c.relpersistence, format_type(s.seqtypid, NULL) AS data_type, " +
               sql::sequence_options("s") + " AS options"
               " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
               " JOIN pg_namespace n ON n.oid = c.relnamespace"
               " WHERE " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_class", "c.oid") +
               " AND NOT EXISTS (SELECT FROM pg_depend identity"
               "  WHERE identity.classid = 'pg_class'::regclass AND identity.objid = c.oid"
               "  AND identity.refclassid = 'pg_class'::regclass AND identity.deptype = 'i')",
           read_sequences}};
}

std::vector<Reader> sequence_owner_readers() {
  // ALTER SEQUENCE ... OWNED BY (and serial columns) record an automatic dependency of the
  // sequence on the column.
  return {{"read sequence owners",
           "SELECT d.objid AS sequence, d.refobjid AS table, a.attname FROM pg_depend d"
           " JOIN pg_sequence s ON s.seqrelid = d.objid"
           " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
           " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
           " AND d.refobjsubid > 0 AND d.deptype = 'a'",
           read_sequence_owners}};
}

}  // namespace strata::introspect
