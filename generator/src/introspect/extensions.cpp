#include "readers.h"

namespace strata::introspect {
namespace {

void read_extensions(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto extension = database_object(model::Kind::Extension, row.text("extname"));
    extension.attrs = Attrs{{"schema", row.text("nspname")}, {"version", row.text("extversion")}};
    context.add({SystemCatalog::Extension, row.oid("oid")}, std::move(extension));
  }
}

void read_extension_members(Context& context, const QueryResult& rows) {
  auto& registry = context.registry();
  for (const auto& row : rows) {
    model::Object* extension = registry.object_at({SystemCatalog::Extension, row.oid("extension")});
    if (extension == nullptr) continue;
    registry.add_extension_member({row.oid("classid"), row.oid("objid")}, *extension);
  }
}

}  // namespace

std::vector<Reader> extension_readers() {
  return {
      {"read extensions",
       "SELECT e.oid, e.extname, n.nspname, e.extversion FROM pg_extension e"
       " JOIN pg_namespace n ON n.oid = e.extnamespace",
       read_extensions},
      // Everything an extension's script created belongs to the extension: it is left out of
      // the model, and a dependency on it is a dependency on the extension. The array types of
      // an extension's types are not recorded as members, so they are added here.
      {"read extension members",
       "SELECT d.classid, d.objid, d.refobjid AS extension FROM pg_depend d"
       " WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'"
       " UNION ALL"
       " SELECT d.classid, t.typarray, d.refobjid FROM pg_depend d"
       " JOIN pg_type t ON t.oid = d.objid"
       " WHERE d.classid = 'pg_type'::regclass AND t.typarray <> 0"
       " AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'",
       read_extension_members},
  };
}

}  // namespace strata::introspect
