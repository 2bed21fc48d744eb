// Foreign data wrappers and foreign servers (database-wide). Foreign tables are tables with a
// `foreign` attr (tables.cpp); user mappings hold credentials and are refused (unmodelled.cpp).
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

void read_wrappers(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto wrapper = database_object(model::Kind::ForeignDataWrapper, row.text("fdwname"));
    wrapper.attrs = Attrs{{"handler", row.text_or_null("handler")},
                          {"validator", row.text_or_null("validator")},
                          {"options", row.json("options", nullptr)}};
    context.add({SystemCatalog::ForeignDataWrapper, row.oid("oid")}, std::move(wrapper));
  }
}

void read_servers(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto server = database_object(model::Kind::ForeignServer, row.text("srvname"));
    server.attrs = Attrs{{"wrapper", row.text("fdwname")},
                         {"type", row.text_or_null("srvtype")},
                         {"version", row.text_or_null("srvversion")},
                         {"options", row.json("options", nullptr)}};
    context.add({SystemCatalog::ForeignServer, row.oid("oid")}, std::move(server));
  }
}

}  // namespace

std::vector<Reader> foreign_data_readers() {
  // Handlers and validators are named without arguments, as CREATE FOREIGN DATA WRAPPER takes them.
  return {{"read foreign data wrappers",
           "SELECT w.oid, w.fdwname,"
           " CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::regproc::text END AS handler,"
           " CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::regproc::text END AS validator, " +
               sql::fdw_options_object("w.fdwoptions") + " AS options FROM pg_foreign_data_wrapper w"
               " WHERE w.oid >= 16384 AND " + sql::is_not_extension_member("pg_foreign_data_wrapper", "w.oid"),
           read_wrappers},
          {"read foreign servers",
           "SELECT s.oid, s.srvname, w.fdwname, s.srvtype, s.srvversion, " + sql::fdw_options_object("s.srvoptions") +
               " AS options FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw"
               " WHERE " + sql::is_not_extension_member("pg_foreign_server", "s.oid"),
           read_servers}};
}

}  // namespace strata::introspect
