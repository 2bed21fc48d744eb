// The state shared by the readers of one introspection: the transaction they query, the
// objects read so far, the registry that maps catalog rows to them, and the warnings.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <pqxx/result>
#include <pqxx/transaction_base>

#include "object_registry.h"
#include "strata/introspect.h"
#include "strata/model.h"

namespace strata::introspect {

class Context {
 public:
  explicit Context(pqxx::transaction_base& transaction) : transaction_(transaction) {}

  pqxx::result query(const std::string& sql, const std::string& description);

  // Adds `object`, read from the catalog row `address`. Throws std::logic_error on a duplicate
  // key. The reference stays valid until finish().
  model::Object& add(const CatalogAddress& address, model::Object object);
  model::Object* find(const std::string& key);
  // The object read from the pg_class row `relation_oid` (a table, view, matview, sequence), or
  // nullptr when that relation is not in the model: its children are then left out too.
  const model::Object* relation(Oid relation_oid) const;

  ObjectRegistry& registry() { return registry_; }
  void warn(std::string object, std::string message);

  // Moves everything read into the result (sorting each object's dependencies).
  Result finish();

 private:
  pqxx::transaction_base& transaction_;
  std::map<std::string, model::Object> objects_;
  ObjectRegistry registry_;
  std::vector<Warning> warnings_;
};

// A new object whose key is `KIND:NAME` (schemas, extensions).
model::Object database_object(model::Kind kind, const std::string& name);
// A new object whose key is `KIND:SCHEMA.NAME`.
model::Object schema_object(model::Kind kind, const std::string& schema, const std::string& name);
// A new object of `table` (or view) whose key is `KIND:SCHEMA.TABLE.NAME`.
model::Object table_object(model::Kind kind, const model::Object& table, const std::string& name);

}  // namespace strata::introspect
