#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

void read_schemas(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    context.add({SystemCatalog::Namespace, row.oid("oid")},
                database_object(model::Kind::Schema, row.text("nspname")));
  }
}

}  // namespace

std::vector<Reader> schema_readers() {
  return {{"read schemas",
           "SELECT n.oid, n.nspname FROM pg_namespace n"
           " WHERE " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_namespace", "n.oid"),
           read_schemas}};
}

}  // namespace strata::introspect
