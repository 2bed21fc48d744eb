// Publications (CREATE PUBLICATION): all tables, or the tables (with their column lists and row
// filters) and schemas they list, and what they publish. Membership rows (pg_publication_rel,
// pg_publication_namespace) are parts of the publication, so its dependencies reach the tables.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

void read_publications(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto publication = database_object(model::Kind::Publication, row.text("pubname"));
    nlohmann::json publish = nlohmann::json::array();
    for (const auto* action : {"insert", "update", "delete", "truncate"}) {
      if (row.boolean(("pub" + std::string(action)).c_str())) publish.push_back(action);
    }
    publication.attrs = Attrs{{"all_tables", row.boolean("puballtables")},
                              {"publish", publish},
                              {"via_root", row.boolean("pubviaroot")},
                              {"tables", row.json("tables")},
                              {"schemas", row.json("schemas")}};
    auto& added = context.add({SystemCatalog::Publication, row.oid("oid")}, std::move(publication));
    for (const auto& part : row.json("rel_oids")) {
      context.registry().add_alias({SystemCatalog::PublicationRel, part.get<Oid>()}, added);
    }
    for (const auto& part : row.json("namespace_oids")) {
      context.registry().add_alias({SystemCatalog::PublicationNamespace, part.get<Oid>()}, added);
    }
  }
}

}  // namespace

std::vector<Reader> publication_readers() {
  // A table entry is "schema.table" quoted as SQL, its column list, its row filter (WHERE).
  return {{"read publications",
           "SELECT p.oid, p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate,"
           " p.pubviaroot,"
           " (SELECT json_agg(json_build_object('table', format('%I.%I', n.nspname, c.relname),"
           "   'columns', (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a"
           "     WHERE a.attrelid = r.prrelid AND a.attnum = ANY (r.prattrs)),"
           "   'where', pg_get_expr(r.prqual, r.prrelid)) ORDER BY n.nspname, c.relname)"
           "  FROM pg_publication_rel r JOIN pg_class c ON c.oid = r.prrelid"
           "  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE r.prpubid = p.oid) AS tables,"
           " (SELECT json_agg(n.nspname ORDER BY n.nspname) FROM pg_publication_namespace pn"
           "  JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = p.oid) AS schemas,"
           " (SELECT json_agg(r.oid::int8) FROM pg_publication_rel r WHERE r.prpubid = p.oid) AS rel_oids,"
           " (SELECT json_agg(pn.oid::int8) FROM pg_publication_namespace pn WHERE pn.pnpubid = p.oid)"
           " AS namespace_oids"
           " FROM pg_publication p WHERE " + sql::is_not_extension_member("pg_publication", "p.oid"),
           read_publications}};
}

}  // namespace strata::introspect
