#include "strata/load.h"

namespace strata::load {

model::Catalog empty_database_catalog() {
  model::Catalog catalog;
  model::Object public_schema;
  public_schema.key = "schema:public";
  public_schema.kind = model::Kind::Schema;
  public_schema.name = "public";
  public_schema.comment = "standard public schema";
  // PostgreSQL 15: owned by the database's owner, usable by everyone (docs/model.md).
  public_schema.owner = "pg_database_owner";
  public_schema.acl = model::acl_to_json({{"pg_database_owner", {"CREATE", "USAGE"}}, {model::kPublic, {"USAGE"}}});
  catalog.add(std::move(public_schema));

  model::Object plpgsql;  // initdb installs it in every database's template
  plpgsql.key = "extension:plpgsql";
  plpgsql.kind = model::Kind::Extension;
  plpgsql.name = "plpgsql";
  plpgsql.attrs = {{"schema", "pg_catalog"}, {"version", "1.0"}};
  plpgsql.comment = "PL/pgSQL procedural language";
  catalog.add(std::move(plpgsql));
  return catalog;
}

}  // namespace strata::load
