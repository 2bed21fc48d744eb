#include "row_types.h"

#include "query_result.h"

namespace strata::introspect {

void register_row_type(Context& context, const Row& row, model::Object& relation) {
  for (const char* type_column : {"reltype", "row_array_type"}) {
    if (Oid type = row.oid(type_column)) {
      context.registry().add_alias({SystemCatalog::Type, type}, relation);
    }
  }
}

}  // namespace strata::introspect
