// Typed queries -> their generated header and source, one pair per query file.
#pragma once

#include "relations.h"

namespace strata::codegen::detail {

// Adds include/<ns>/queries/<file>.h and src/queries/<file>.cpp for every query file of
// `options`. Throws CodegenError naming every parameter and column whose type has no mapping.
void add_query_files(const model::Catalog& catalog, const Options& options, const Model& model, Files& files);

}  // namespace strata::codegen::detail
