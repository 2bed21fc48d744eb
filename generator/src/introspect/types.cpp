// Enum, domain, composite and range types. Base and shell types are not modelled
// (unmodelled.cpp warns about them); array and multirange types are part of their element /
// range type, and a table's row type is part of the table.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

// The query for the user types with typtype `type_kind`: the common columns (oid, typarray,
// nspname, typname) followed by `columns`, from pg_type t and pg_namespace n plus `joins`.
std::string types_query(char type_kind, const std::string& columns, const std::string& joins = "") {
  return "SELECT t.oid, t.typarray, n.nspname, t.typname, " + columns +
         " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace " + joins +
         " WHERE t.typtype = '" + std::string(1, type_kind) + "'" +
         " AND " + sql::is_user_schema("n") +
         " AND " + sql::is_not_extension_member("pg_type", "t.oid");
}

// Adds the type read from `row`; a dependency on its array type is a dependency on it.
model::Object& add_type(Context& context, const Row& row, Attrs attrs) {
  auto type = schema_object(model::Kind::Type, row.text("nspname"), row.text("typname"));
  type.attrs = std::move(attrs);
  auto& added = context.add({SystemCatalog::Type, row.oid("oid")}, std::move(type));
  if (Oid array = row.oid("typarray")) {
    context.registry().add_alias({SystemCatalog::Type, array}, added);
  }
  return added;
}

void read_enums(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    add_type(context, row, {{"type_kind", "enum"}, {"labels", row.json("labels")}});
  }
}

void read_domains(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto& domain = add_type(context, row,
                            {{"type_kind", "domain"},
                             {"base_type", row.text("base_type")},
                             {"not_null", row.boolean("typnotnull")},
                             {"default", row.text_or_null("default_expr")},
                             {"collation", row.text_or_null("collation")},
                             {"constraints", row.json("constraints")}});
    // A domain's constraints live inside the domain, and so do their dependencies.
    for (const auto& constraint_oid : row.json("constraint_oids")) {
      context.registry().add_alias({SystemCatalog::Constraint, constraint_oid.get<Oid>()}, domain);
    }
  }
}

void read_composites(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto& type = add_type(context, row,
                          {{"type_kind", "composite"}, {"attributes", row.json("attributes")}});
    // The pg_class row that holds the attributes (and whose columns other objects depend on).
    context.registry().add_alias({SystemCatalog::Class, row.oid("typrelid")}, type);
  }
}

void read_ranges(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto& range = add_type(context, row,
                           {{"type_kind", "range"},
                            {"subtype", row.text("subtype")},
                            {"subtype_opclass", row.text_or_null("subtype_opclass")},
                            {"collation", row.text_or_null("collation")},
                            {"canonical", row.text_or_null("canonical")},
                            {"subtype_diff", row.text_or_null("subtype_diff")},
                            {"multirange_name", row.text("multirange_name")}});
    // The multirange type and the constructor functions are created and dropped with the
    // range type.
    for (const char* column : {"multirange_oid", "multirange_array"}) {
      context.registry().add_alias({SystemCatalog::Type, row.oid(column)}, range);
    }
    for (const auto& constructor : row.json("constructors")) {
      context.registry().add_alias({SystemCatalog::Proc, constructor.get<Oid>()}, range);
    }
  }
}

}  // namespace

std::vector<Reader> type_readers() {
  return {
      {"read enum types",
       types_query('e',
                   "(SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e"
                   " WHERE e.enumtypid = t.oid) AS labels"),
       read_enums},
      {"read domains",
       types_query('d',
                   "format_type(t.typbasetype, t.typtypmod) AS base_type, t.typnotnull,"
                   " pg_get_expr(t.typdefaultbin, 0) AS default_expr, " +
                       sql::non_default_collation("t.typcollation", "base.typcollation") +
                       " AS collation,"
                       " (SELECT json_agg(json_build_object('name', c.conname,"
                       "   'definition', pg_get_constraintdef(c.oid), 'validated', c.convalidated)"
                       "   ORDER BY c.conname COLLATE \"C\")"
                       "  FROM pg_constraint c WHERE c.contypid = t.oid) AS constraints,"
                       " (SELECT json_agg(c.oid::int8) FROM pg_constraint c"
                       "  WHERE c.contypid = t.oid) AS constraint_oids",
                   "JOIN pg_type base ON base.oid = t.typbasetype"),
       read_domains},
      {"read composite types",
       types_query('c',
                   "t.typrelid,"
                   " (SELECT json_agg(json_build_object('name', a.attname,"
                   "   'type', format_type(a.atttypid, a.atttypmod), 'collation', " +
                       sql::non_default_collation("a.attcollation", "attribute_type.typcollation") +
                       ") ORDER BY a.attnum)"
                       "  FROM pg_attribute a"
                       "  JOIN pg_type attribute_type ON attribute_type.oid = a.atttypid"
                       "  WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)"
                       " AS attributes",
                   "JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'"),
       read_composites},
      // subtype_opclass only when it is not the subtype's default operator class, as in
      // CREATE TYPE, where leaving it out means the default.
      {"read range types",
       types_query('r',
                   "format_type(r.rngsubtype, NULL) AS subtype,"
                   " CASE WHEN NOT opc.opcdefault"
                   "  THEN format('%I.%I', opc_schema.nspname, opc.opcname) END AS subtype_opclass, " +
                       sql::non_default_collation("r.rngcollation", "subtype.typcollation") +
                       " AS collation,"
                       " NULLIF(r.rngcanonical, 0)::regproc::text AS canonical,"
                       " NULLIF(r.rngsubdiff, 0)::regproc::text AS subtype_diff,"
                       " format('%I.%I', multi_schema.nspname, multi.typname) AS multirange_name,"
                       " multi.oid AS multirange_oid, multi.typarray AS multirange_array,"
                       " (SELECT json_agg(part.objid::int8) FROM pg_depend part"
                       "  WHERE part.classid = 'pg_proc'::regclass AND part.deptype = 'i'"
                       "  AND part.refclassid = 'pg_type'::regclass"
                       "  AND part.refobjid IN (t.oid, multi.oid)) AS constructors",
                   "JOIN pg_range r ON r.rngtypid = t.oid"
                   " JOIN pg_type subtype ON subtype.oid = r.rngsubtype"
                   " JOIN pg_opclass opc ON opc.oid = r.rngsubopc"
                   " JOIN pg_namespace opc_schema ON opc_schema.oid = opc.opcnamespace"
                   " JOIN pg_type multi ON multi.oid = r.rngmultitypid"
                   " JOIN pg_namespace multi_schema ON multi_schema.oid = multi.typnamespace"),
       read_ranges},
  };
}

}  // namespace strata::introspect
