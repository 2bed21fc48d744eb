// COMMENT ON ... for every modelled object.
#include "readers.h"
#include "strata/error.h"

namespace strata::introspect {
namespace {

void read_comments(Context& context, const QueryResult& rows) {
  const ObjectRegistry& registry = context.registry();
  for (const auto& row : rows) {
    const CatalogAddress address{row.oid("classoid"), row.oid("objoid"), row.integer("objsubid")};
    if (model::Object* object = registry.object_at(address)) {
      object->comment = row.text("description");
    } else if (model::Object* owner = registry.owner_of(address);
               owner != nullptr && !registry.is_extension_member(address)) {
      // A comment on a view's column, a composite type's attribute, a domain's constraint, a
      // constraint's index: kept on the object, by the COMMENT ON target that writes it.
      if (row.is_null("part_target")) {
        throw Error("a comment on a part of " + owner->key + " that strata cannot name",
                    ErrorInfo{.details = {row.text("description")}, .hint = "comment on the object itself instead"});
      }
      owner->attrs["part_comments"][row.text("part_target")] = row.text("description");
    }
  }
}

}  // namespace

std::vector<Reader> comment_readers() {
  // Objects created after initdb have OIDs from FirstNormalObjectId (16384) up, so that bound
  // skips the thousands of comments on built-in functions and types. The only objects from
  // initdb that the model holds are the public schema and the plpgsql extension.
  return {{"read comments",
           "SELECT d.classoid, d.objoid, d.objsubid, d.description,"
           // How COMMENT ON names a part: COLUMN (of a view or composite type), INDEX, CONSTRAINT ON DOMAIN.
           " CASE WHEN d.classoid = 'pg_class'::regclass THEN (SELECT CASE WHEN d.objsubid > 0"
           "   THEN format('COLUMN %I.%I.%I', n.nspname, c.relname, a.attname)"
           "   WHEN c.relkind IN ('i', 'I') THEN format('INDEX %I.%I', n.nspname, c.relname)"
           "   WHEN c.relkind = 'S' THEN format('SEQUENCE %I.%I', n.nspname, c.relname) END"
           "   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
           "   LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid WHERE c.oid = d.objoid)"
           " WHEN d.classoid = 'pg_constraint'::regclass THEN (SELECT format('CONSTRAINT %I ON DOMAIN %I.%I',"
           "   con.conname, n.nspname, t.typname) FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid"
           "   JOIN pg_namespace n ON n.oid = t.typnamespace WHERE con.oid = d.objoid)"
           " END AS part_target FROM pg_description d"
           " WHERE d.objoid >= 16384"
           " OR d.classoid IN ('pg_namespace'::regclass, 'pg_extension'::regclass)",
           read_comments}};
}

}  // namespace strata::introspect
