// What the introspection tests share: a scratch database per test on the shared test cluster,
// ways to put a schema into it, and lookups that fail with a useful message.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "strata/introspect.h"
#include "strata/model.h"
#include "test_cluster.h"

namespace strata::introspect::testing {

class IntrospectTest : public ::testing::Test {
 protected:
  // Runs `sql` (any number of statements) in the scratch database.
  void run_sql(const std::string& sql) const;
  // Loads a file with psql, as the corpus files are meant to be loaded.
  void load_file(const std::filesystem::path& file) const;
  Result introspect_database();
  // Runs `sql`, then introspects and returns the catalog.
  model::Catalog catalog_after(const std::string& sql);

  strata::testing::ScratchDb database_{"introspect"};
};

// The object `key` of `catalog`; throws (failing the test) with the keys of the same kind when
// there is none.
const model::Object& object_at(const model::Catalog& catalog, const std::string& key);
// The keys of the objects of `kind`, sorted.
std::vector<std::string> keys_of_kind(const model::Catalog& catalog, model::Kind kind);
// The references from one object to another (dependencies, parents, partition parents...)
// that name no object of `catalog`, as "from -> to".
std::vector<std::string> dangling_references(const model::Catalog& catalog);
// The messages of `warnings`, as "object: message".
std::vector<std::string> warning_texts(const std::vector<Warning>& warnings);

}  // namespace strata::introspect::testing
