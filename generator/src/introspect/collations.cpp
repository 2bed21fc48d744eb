// Collations created in user schemas (CREATE COLLATION): provider, locale, deterministic. The
// version an operating system's library reports (collversion) is the server's, not the schema's.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

const CodeNames kProviders = {{"c", "libc"}, {"i", "icu"}, {"d", "default"}};

void read_collations(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto collation = schema_object(model::Kind::Collation, row.text("nspname"), row.text("collname"));
    collation.attrs = Attrs{{"provider", row.code_name("collprovider", kProviders)},
                            {"lc_collate", row.text_or_null("collcollate")},
                            {"lc_ctype", row.text_or_null("collctype")},
                            {"icu_locale", row.text_or_null("colliculocale")},
                            {"deterministic", row.boolean("collisdeterministic")}};
    context.add({SystemCatalog::Collation, row.oid("oid")}, std::move(collation));
  }
}

}  // namespace

std::vector<Reader> collation_readers() {
  return {{"read collations",
           "SELECT c.oid, n.nspname, c.collname, c.collprovider, c.collcollate, c.collctype, c.colliculocale,"
           " c.collisdeterministic FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace"
           " WHERE c.oid >= 16384 AND " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_collation", "c.oid"),
           read_collations}};
}

}  // namespace strata::introspect
