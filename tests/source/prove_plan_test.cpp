// `strata diff --prove` / `strata push --prove`: a plan proven on rows, the source state built
// from its catalog (a live source is never touched).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "strata/source.h"
#include "test_cluster.h"

namespace strata::source {
namespace {

Loaded declared(Loader& loader, const std::string& sql) {
  const auto path = std::filesystem::temp_directory_path() / ("strata-prove-plan-" + std::to_string(::getpid()) + ".sql");
  std::ofstream(path, std::ios::binary) << sql;
  auto loaded = loader.load(Source::files(path));
  std::filesystem::remove(path);
  return loaded;
}

TEST(ProvePlan, APlanThatKeepsTheRowsIsProvenAndOneThatLosesThemIsNot) {
  Loader loader(strata::testing::shared_cluster());
  const auto from = declared(loader, "CREATE TABLE notes (id int PRIMARY KEY, code varchar(10) NOT NULL, n int);");
  const auto wider = declared(loader, "CREATE TABLE notes (id int PRIMARY KEY, code varchar(20) NOT NULL, n bigint);");
  const auto plan = diff::diff(from.catalog, wider.catalog);
  const auto proven = prove_plan(loader.cluster(), from.catalog, wider.catalog, plan, {}, loader.scope());
  EXPECT_TRUE(proven.failures.empty()) << proven.failures.front();
  EXPECT_EQ(proven.summary(), "proven on 20 synthetic rows (1 of 1 tables filled)");

  const auto narrower = declared(loader, "CREATE TABLE notes (id int PRIMARY KEY, code varchar(4) NOT NULL, n int);");
  diff::Options options;
  options.allow_destructive = true;
  const auto lossy = diff::diff(from.catalog, narrower.catalog, options);
  const auto refused = prove_plan(loader.cluster(), from.catalog, narrower.catalog, lossy, options, loader.scope());
  ASSERT_EQ(refused.failures.size(), 2u);
  EXPECT_EQ(refused.failures[0], "the plan does not run: value too long for type character varying(4) (SQLSTATE 22001)");
  EXPECT_EQ(refused.failures[1], "statement: ALTER TABLE public.notes ALTER COLUMN code TYPE character varying(4)");
}

}  // namespace
}  // namespace strata::source
