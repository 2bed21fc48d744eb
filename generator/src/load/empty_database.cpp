#include "strata/load.h"

namespace strata::load {

model::Catalog empty_database_catalog() {
  model::Catalog catalog;
  model::Object public_schema;
  public_schema.key = "schema:public";
  public_schema.kind = model::Kind::Schema;
  public_schema.name = "public";
  public_schema.comment = "standard public schema";
  catalog.add(std::move(public_schema));
  return catalog;
}

}  // namespace strata::load
