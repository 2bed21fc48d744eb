// Procedural languages created without an extension (CREATE LANGUAGE with a handler of one's
// own); those an extension creates are part of it.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

void read_languages(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto language = database_object(model::Kind::Language, row.text("lanname"));
    language.attrs = Attrs{{"trusted", row.boolean("lanpltrusted")},
                           {"handler", row.text("handler")},
                           {"inline", row.text_or_null("inline_handler")},
                           {"validator", row.text_or_null("validator")}};
    context.add({SystemCatalog::Language, row.oid("oid")}, std::move(language));
  }
}

}  // namespace

std::vector<Reader> language_readers() {
  // CREATE LANGUAGE names its functions without arguments.
  return {{"read languages",
           "SELECT l.oid, l.lanname, l.lanpltrusted, l.lanplcallfoid::regproc::text AS handler,"
           " CASE WHEN l.laninline <> 0 THEN l.laninline::regproc::text END AS inline_handler,"
           " CASE WHEN l.lanvalidator <> 0 THEN l.lanvalidator::regproc::text END AS validator"
           " FROM pg_language l WHERE l.oid >= 16384 AND l.lanispl AND " +
               sql::is_not_extension_member("pg_language", "l.oid"),
           read_languages}};
}

}  // namespace strata::introspect
