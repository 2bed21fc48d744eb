// The state shared by the readers of one introspection: the objects read so far, the registry
// that maps catalog rows to them, and the warnings.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "object_registry.h"
#include "strata/introspect.h"
#include "strata/model.h"

namespace strata::introspect {

// An object's attrs, built as a map: a braced list given to nlohmann::json itself goes through
// a temporary array per entry, which showed in the time to read large catalogs.
using Attrs = nlohmann::json::object_t;

class Context {
 public:
  // Adds `object`, read from the catalog row `address`. Throws std::logic_error on a duplicate
  // key. The object stays where it is (references to it stay valid) until finish().
  model::Object& add(const CatalogAddress& address, model::Object object);
  // Adds an object that has no catalog row of its own (a sequence's OWNED BY).
  model::Object& add(model::Object object);
  // The object read from the pg_class row `relation_oid` (a table, view, matview, sequence), or
  // nullptr when that relation is not in the model: its children are then left out too.
  const model::Object* relation(Oid relation_oid) const;

  ObjectRegistry& registry() { return registry_; }
  void warn(std::string object, std::string message);

  // Hands everything read over as the result (sorting each object's dependencies).
  Result finish();

 private:
  // The catalog being read. Its objects are held by a std::map, whose nodes never move, so the
  // registry can point at them.
  model::Catalog catalog_;
  ObjectRegistry registry_;
  std::vector<Warning> warnings_;
};

// An attr of `object` that names another object read by the same query (a partition's parent
// index or constraint), which may come later in the result: it is filled in by
// resolve_references() once the whole result is read.
struct PendingReference {
  model::Object* object;
  std::string attr;
  CatalogAddress target;
};
// Sets each reference's attr to the key of the object at its target; leaves it null when the
// target is not in the model.
void resolve_references(Context& context, const std::vector<PendingReference>& references);

// A new object whose key is `KIND:NAME` (schemas, extensions).
model::Object database_object(model::Kind kind, const std::string& name);
// A new object whose key is `KIND:SCHEMA.NAME`.
model::Object schema_object(model::Kind kind, const std::string& schema, const std::string& name);
// A new object of `table` (or view) whose key is `KIND:SCHEMA.TABLE.NAME`.
model::Object table_object(model::Kind kind, const model::Object& table, const std::string& name);

}  // namespace strata::introspect
