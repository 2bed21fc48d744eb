// strata rehearse end to end: a northwind database (schema and data, ../shared/corpus) built by
// a first migration, pending migrations rehearsed on a throwaway copy, the target untouched.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_runner_support.h"
#include "strata/cluster.h"
#include "strata/runner.h"
#include "test_cluster.h"

namespace {

using strata::testing::exec;
using strata::testing::ScratchDb;
using strata::testing::TempProject;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Everything in the database, schema and data, as pg_dump prints it.
std::string dump_of(const ScratchDb& database) {
  const auto pg_dump = strata::runtime::PgBinaries::find().tool("pg_dump");
  const std::string command = pg_dump.string() + " --no-owner '--dbname=" + strata::testing::shared_cluster().url(database.name()) + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string text;
  char buffer[65536];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0);
  // pg_dump's \restrict / \unrestrict lines carry a random key: leave them out.
  std::istringstream lines(text);
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("\\restrict", 0) != 0 && line.rfind("\\unrestrict", 0) != 0) kept += line + "\n";
  }
  return kept;
}

const nlohmann::json* migration_named(const nlohmann::json& report, const std::string& slug) {
  for (const auto& migration : report["migrations"]) {
    if (contains(migration["name"].get<std::string>(), slug)) return &migration;
  }
  return nullptr;
}

bool locked(const nlohmann::json& migration, const std::string& relation, const std::string& mode) {
  for (const auto& lock : migration["locks"]) {
    if (lock["relation"] == relation) {
      for (const auto& m : lock["modes"]) {
        if (m == mode) return true;
      }
    }
  }
  return false;
}

class Rehearse : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string northwind = read_file(std::string(STRATA_CORPUS_DIR) + "/northwind.sql");
    ASSERT_FALSE(northwind.empty()) << "no northwind.sql in " << STRATA_CORPUS_DIR;
    project.add_migrations({{"20260101000001", "northwind", northwind, ""}});
    const auto run = project.strata({"migrate", "--url", url()});
    ASSERT_EQ(run.exit_code, 0) << run.all();
  }
  std::string url() const { return strata::testing::shared_cluster().url(target.name()); }

  TempProject project;
  ScratchDb target{"rehearse_target"};
};

const strata::testing::MigrationSource kSafe = {
    "20260101000002", "add_products_note",
    "ALTER TABLE products ADD COLUMN note text;\nCREATE INDEX orders_ship_country ON orders (ship_country);\n", ""};

TEST_F(Rehearse, SafeMigrationSucceedsWithEqualRowCountsAndTheTargetUntouched) {
  project.add_migrations({kSafe});
  const auto before = dump_of(target);
  const auto run = project.strata({"rehearse", "--url", url(), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_TRUE(report["success"].get<bool>()) << run.out;
  EXPECT_EQ(report["pending"], 1);
  EXPECT_FALSE(report["drift"]["drift"].get<bool>()) << run.out;
  EXPECT_GT(report["copy"]["bytes"].get<long long>(), 10'000);
  EXPECT_EQ(report["rows_before"], report["rows_after"]) << run.out;
  EXPECT_EQ(report["rows_before"]["public.order_details"], 2155) << run.out;
  const auto* safe = migration_named(report, "add_products_note");
  ASSERT_NE(safe, nullptr) << run.out;
  EXPECT_EQ((*safe)["status"], "applied");
  EXPECT_FALSE((*safe)["destructive"].get<bool>());
  EXPECT_TRUE(locked(*safe, "public.products", "AccessExclusiveLock")) << safe->dump(2);
  EXPECT_TRUE(locked(*safe, "public.orders", "ShareLock")) << safe->dump(2);
  EXPECT_TRUE((*safe)["proof"]["checked"].get<bool>()) << safe->dump(2);
  EXPECT_EQ((*safe)["proof"]["violations"], nlohmann::json::array()) << safe->dump(2);

  EXPECT_EQ(dump_of(target), before) << "rehearse wrote to the target";
}

TEST_F(Rehearse, DestructiveMigrationIsReportedAndTheTargetUntouched) {
  project.add_migrations({kSafe,
                          {"20260101000003", "drop_order_details",
                           "-- strata:destructive\nDROP TABLE order_details;\nDELETE FROM us_states WHERE state_abbr = 'AK';\n",
                           ""}});
  const auto before = dump_of(target);
  const auto run = project.strata({"rehearse", "--url", url()});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "drop_order_details: applied")) << run.out;
  EXPECT_TRUE(contains(run.out, "DESTRUCTIVE (marked strata:destructive)")) << run.out;
  EXPECT_TRUE(contains(run.out, "drops table public.order_details (2155 rows)")) << run.out;
  EXPECT_TRUE(contains(run.out, "rows vanish: public.us_states")) << run.out;
  EXPECT_TRUE(contains(run.out, "public.order_details AccessExclusiveLock")) << run.out;
  EXPECT_TRUE(contains(run.out, "nothing was written to the target")) << run.out;
  EXPECT_EQ(dump_of(target), before) << "rehearse wrote to the target";
  EXPECT_EQ(exec(target.connection_string(), "SELECT count(*) FROM order_details")[0][0].as<long long>(), 2155);

  const auto json = project.strata({"rehearse", "--url", url(), "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.all();
  const auto report = nlohmann::json::parse(json.out);
  const auto* destructive = migration_named(report, "drop_order_details");
  ASSERT_NE(destructive, nullptr);
  EXPECT_TRUE((*destructive)["destructive"].get<bool>());
  EXPECT_TRUE((*destructive)["marked_destructive"].get<bool>());
  EXPECT_EQ((*destructive)["dropped_tables"], nlohmann::json::array({"public.order_details"}));
  EXPECT_FALSE(report["rows_after"].contains("public.order_details"));
}

// The proof on data's invariants on the copy's real rows: a data migration's changes are
// reported, a sequence default behind the existing keys (new rows collide) fails the rehearsal.
TEST_F(Rehearse, ChangedValuesAreReportedAndABrokenInvariantFailsTheRehearsal) {
  project.add_migrations(
      {{"20260101000002", "shout_product_names", "UPDATE products SET product_name = upper(product_name) WHERE product_id <= 2;\n",
        ""},
       {"20260101000003", "region_ids_from_a_sequence",
        "CREATE SEQUENCE region_ids;\nALTER TABLE region ALTER COLUMN region_id SET DEFAULT nextval('region_ids');\n", ""},
       {"20260101000004", "after_it", "ALTER TABLE region ADD COLUMN y int;\n", ""}});
  const auto run = project.strata({"rehearse", "--url", url(), "--format", "json"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_FALSE(report["success"].get<bool>());

  const auto& shout = *migration_named(report, "shout_product_names");
  EXPECT_EQ(shout["status"], "applied");
  EXPECT_FALSE(shout["proof"]["breaks_invariants"].get<bool>()) << shout.dump(2);
  ASSERT_FALSE(shout["proof"]["violations"].empty()) << shout.dump(2);
  EXPECT_EQ(shout["proof"]["violations"][0]["severity"], "change");
  EXPECT_EQ(shout["proof"]["violations"][0]["column"], "product_name");
  EXPECT_TRUE(contains(shout["proof"]["violations"][0]["example"].get<std::string>(), "row (1): 'Chai' became 'CHAI'"))
      << shout.dump(2);

  const auto& sequence = *migration_named(report, "region_ids_from_a_sequence");
  EXPECT_EQ(sequence["status"], "applied");
  EXPECT_TRUE(sequence["proof"]["breaks_invariants"].get<bool>()) << sequence.dump(2);
  EXPECT_TRUE(contains(sequence["proof"]["violations"].dump(), "a new row can be inserted as before")) << sequence.dump(2);
  EXPECT_EQ((*migration_named(report, "after_it"))["status"], "not_run");

  const auto text = project.strata({"rehearse", "--url", url()});
  EXPECT_EQ(text.exit_code, 1) << text.all();
  EXPECT_TRUE(contains(text.out, "changes: public.products.product_name: values are kept")) << text.out;
  EXPECT_TRUE(contains(text.out, "breaks: public.region: a new row can be inserted as before")) << text.out;
  EXPECT_TRUE(contains(text.out, "region_ids_from_a_sequence breaks the invariants of its rows")) << text.out;
}

TEST_F(Rehearse, FailureNamesTheMigrationAndDriftIsReported) {
  exec(target.connection_string(), "ALTER TABLE region ADD COLUMN added_by_hand int");
  project.add_migrations({kSafe,
                          {"20260101000003", "broken", "ALTER TABLE shippers\n  ADD COLUMN x int;\nUPDATE shippers SET nope = 1;\n", ""},
                          {"20260101000004", "after_broken", "ALTER TABLE region ADD COLUMN y int;\n", ""}});
  const auto before = dump_of(target);
  const auto run = project.strata({"rehearse", "--url", url(), "--format", "json"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_FALSE(report["success"].get<bool>());
  EXPECT_TRUE(report["drift"]["drift"].get<bool>()) << run.out;
  EXPECT_TRUE(contains(report["drift"]["differences"].dump(), "added_by_hand")) << run.out;
  EXPECT_EQ(report["error"]["migration"], "20260101000003_broken") << run.out;
  EXPECT_EQ(report["error"]["line"], 3) << run.out;
  EXPECT_EQ(report["error"]["sqlstate"], "42703") << run.out;
  EXPECT_TRUE(contains(report["error"]["file"].get<std::string>(), "20260101000003_broken.sql")) << run.out;
  EXPECT_EQ((*migration_named(report, "add_products_note"))["status"], "applied");
  EXPECT_EQ((*migration_named(report, "after_broken"))["status"], "not_run");
  EXPECT_EQ(dump_of(target), before) << "rehearse wrote to the target";
}

}  // namespace
