// COMMENT ON ... for every modelled object.
#include "readers.h"

namespace strata::introspect {
namespace {

void read_comments(Context& context, const QueryResult& rows) {
  const ObjectRegistry& registry = context.registry();
  for (const auto& row : rows) {
    const CatalogAddress address{row.oid("classoid"), row.oid("objoid"), row.integer("objsubid")};
    if (model::Object* object = registry.object_at(address)) {
      object->comment = row.text("description");
    } else if (const model::Object* owner = registry.owner_of(address);
               owner != nullptr && !registry.is_extension_member(address)) {
      // A comment on a view's column, a constraint's index, a domain's constraint...
      context.warn(owner->key, "a comment on a part of this object is not modelled: '" +
                                   row.text("description") + "'");
    }
  }
}

}  // namespace

std::vector<Reader> comment_readers() {
  // Objects created after initdb have OIDs from FirstNormalObjectId (16384) up, so that bound
  // skips the thousands of comments on built-in functions and types. The only objects from
  // initdb that the model holds are the public schema and the plpgsql extension.
  return {{"read comments",
           "SELECT d.classoid, d.objoid, d.objsubid, d.description FROM pg_description d"
           " WHERE d.objoid >= 16384"
           " OR d.classoid IN ('pg_namespace'::regclass, 'pg_extension'::regclass)",
           read_comments}};
}

}  // namespace strata::introspect
