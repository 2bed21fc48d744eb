// Shard assignment: a stable function of the key alone, so adding, removing or changing one
// table rewrites only its own shard.
#include <gtest/gtest.h>

#include "catalog_builders.h"
#include "strata/codegen.h"

namespace strata::codegen::testing {
namespace {

TEST(Shards, StableValues) {
  // FNV-1a 64 of the key, modulo the count: pinned, so a generator change that would move every
  // table to another shard (and recompile everything) fails here first.
  EXPECT_EQ(shard_of("", 7), static_cast<int>(14695981039346656037ull % 7));
  EXPECT_EQ(shard_of("table:public.users", 1), 0);
  const int users = shard_of("table:public.users", 16);
  EXPECT_EQ(users, shard_of("table:public.users", 16));
  EXPECT_EQ(shard_of("table:public.users", 4), users % 4);  // 16 is a multiple of 4
  EXPECT_EQ(shard_of("a", 1000), static_cast<int>(0xaf63dc4c8601ec8cull % 1000));  // FNV-1a("a")
  EXPECT_THROW(shard_of("x", 0), CodegenError);
  EXPECT_EQ(shard_file(0), "src/shard_00.cpp");
  EXPECT_EQ(shard_file(42), "src/shard_42.cpp");
}

TEST(Shards, SpreadOverAllShards) {
  std::vector<int> counts(8);
  for (int i = 0; i < 800; ++i) ++counts[static_cast<std::size_t>(shard_of("table:public.t" + std::to_string(i), 8))];
  for (const int count : counts) EXPECT_GT(count, 50);
}

TEST(Shards, ChangingOneTableRewritesOnlyItsShardAndHeader) {
  std::vector<model::Object> objects;
  for (int i = 0; i < 12; ++i) {
    const auto t = table("public", "t" + std::to_string(i));
    objects.push_back(t);
    objects.push_back(column(t, "id", "integer", 1, {{"not_null", true}}));
  }
  Options options;
  options.shards = 5;
  const auto before = generate(catalog_of(objects), options);
  const auto t3 = table("public", "t3");
  objects.push_back(column(t3, "added", "text", 2));
  const auto after = generate(catalog_of(objects), options);

  ASSERT_EQ(before.size(), after.size());  // 12 headers, schema.h, migrations.h, 5 shards, migrations.cpp
  EXPECT_EQ(before.size(), 12u + 2 + 5 + 1);
  std::vector<std::string> changed;
  for (const auto& [path, content] : after) {
    if (before.at(path) != content) changed.push_back(path);
  }
  EXPECT_EQ(changed, (std::vector<std::string>{"include/db/t3.h", shard_file(shard_of("table:public.t3", 5))}));
  // Every shard exists even when empty, so the build knows them in advance.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(after.count(shard_file(i))) << i;
}

}  // namespace
}  // namespace strata::codegen::testing
