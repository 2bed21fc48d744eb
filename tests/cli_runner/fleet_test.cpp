// Fleets (docs/fleets.md): `strata migrate --env FLEET` and `strata status --env FLEET` on
// databases over several local clusters; a locked target, an unreachable one, canaries, shards,
// a fleet from a control database, promotion order between fleets, a SIGKILLed fleet run.
#include <gtest/gtest.h>

#include <csignal>
#include <chrono>
#include <thread>

#include <boost/process.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "cli_runner_support.h"
#include "test_cluster.h"

namespace {

namespace fs = std::filesystem;
using strata::testing::exec;
using strata::testing::Run;
using strata::testing::TempProject;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Databases spread over the shared cluster and `extra` clusters of their own.
class Fleet : public ::testing::Test {
 protected:
  // `count` databases, round-robin over the shared cluster and `clusters_` (started on demand).
  void make_databases(int count, int extra_clusters = 0) {
    while (static_cast<int>(clusters_.size()) < extra_clusters) clusters_.push_back(strata::runtime::EphemeralCluster::start());
    for (int i = 0; i < count; ++i) {
      const auto slot = static_cast<std::size_t>(i) % (clusters_.size() + 1);
      if (slot == 0) {
        shared_.push_back(std::make_unique<strata::testing::ScratchDb>("fleet"));
        connections_.push_back(strata::testing::shared_cluster().url(shared_.back()->name()));
      } else {
        const auto name = strata::testing::unique_name("fleet" + std::to_string(i));
        clusters_[slot - 1]->create_database(name);
        connections_.push_back(clusters_[slot - 1]->url(name));
      }
    }
  }
  void write_fleet_file(const std::vector<std::string>& extra_lines = {}) {
    std::string text = "# the tenants\n\n";
    for (const auto& connection : connections_) text += connection + "\n";
    for (const auto& line : extra_lines) text += line + "\n";
    project_.write("tenants.txt", text);
  }
  // (rows, distinct versions) of a target's history.
  std::pair<long, long> history(std::size_t i) const {
    const auto rows = exec(connections_[i], "SELECT count(*), count(DISTINCT version) FROM strata.migrations");
    return {rows[0][0].as<long>(), rows[0][1].as<long>()};
  }

  void SetUp() override {
    project_.add_migrations(strata::testing::standard_migrations());
    project_.write_project(R"({"lock_timeout": "200ms", "lock_retries": 1,
      "environments": [{"name": "tenants", "fleet": {"urls_file": "tenants.txt"}}]})");
  }

  TempProject project_;
  std::vector<std::unique_ptr<strata::runtime::EphemeralCluster>> clusters_;
  std::vector<std::unique_ptr<strata::testing::ScratchDb>> shared_;
  std::vector<std::string> connections_;
};

TEST_F(Fleet, EveryTargetOverThreeClustersIsMigratedExactlyOnce) {
  make_databases(60, 2);
  write_fleet_file();
  auto run = project_.strata({"migrate", "--env", "tenants", "--parallel", "8"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "fleet tenants: 60 targets: 60 applied, 0 already current, 0 failed, 0 skipped")) << run.all();
  for (std::size_t i = 0; i < connections_.size(); ++i) EXPECT_EQ(history(i), std::make_pair(3L, 3L)) << i;

  // A rerun touches nothing; status says every target is current.
  run = project_.strata({"migrate", "--env", "tenants", "--parallel", "8", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  const auto lines = strata::testing::lines_of(run.out);
  const auto summary = nlohmann::json::parse(lines.back());
  EXPECT_EQ(summary["event"], "fleet_summary");
  EXPECT_EQ(summary["current"], 60);
  EXPECT_EQ(summary["applied"], 0);
  run = project_.strata({"status", "--env", "tenants"});
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "60 current, 0 behind, 0 unreachable")) << run.all();
  for (std::size_t i = 0; i < connections_.size(); ++i) EXPECT_EQ(history(i), std::make_pair(3L, 3L)) << i;
}

TEST_F(Fleet, ALockedTargetFailsAfterItsRetriesTheOthersFinishAndARerunMigratesOnlyIt) {
  make_databases(4);
  write_fleet_file();
  ASSERT_EQ(project_.strata({"migrate", "--env", "tenants", "--to", "20260101000002"}).exit_code, 0);
  // Another session reads users and keeps its transaction open: ADD COLUMN waits for it.
  pqxx::connection blocker(connections_[2]);
  pqxx::work holding(blocker);
  holding.exec("SELECT * FROM users");
  auto run = project_.strata({"migrate", "--env", "tenants", "--parallel", "2", "--continue-on-error"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.out, "3 applied, 0 already current, 1 failed, 0 skipped")) << run.all();
  EXPECT_TRUE(contains(run.out, ": FAILED: ")) << run.all();
  EXPECT_TRUE(contains(run.out, "lock")) << run.all();
  holding.abort();

  run = project_.strata({"migrate", "--env", "tenants", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  int applied = 0;
  for (const auto& line : strata::testing::lines_of(run.out)) {
    const auto event = nlohmann::json::parse(line);
    if (event["event"] == "target_done" && event["state"] == "applied") {
      ++applied;
      EXPECT_EQ(event["applied"], nlohmann::json::array({"20260101000003"}));
    }
  }
  EXPECT_EQ(applied, 1) << run.all();
  for (std::size_t i = 0; i < connections_.size(); ++i) EXPECT_EQ(history(i), std::make_pair(3L, 3L)) << i;
}

TEST_F(Fleet, AnUnreachableTargetFailsWithoutItsPasswordAndStopsNewTargetsUnlessTold) {
  make_databases(3);
  const std::string unreachable = "postgresql://app:fleet-s3cret@127.0.0.1:1/nowhere";
  connections_.insert(connections_.begin(), unreachable);
  write_fleet_file();
  // Default: the failure stops starting new targets (one at a time: none after it starts).
  auto run = project_.strata({"migrate", "--env", "tenants", "--parallel", "1"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.out, "0 applied, 0 already current, 1 failed, 3 skipped")) << run.all();
  EXPECT_FALSE(contains(run.all(), "fleet-s3cret")) << run.all();
  EXPECT_TRUE(contains(run.out, "postgresql://app:****@127.0.0.1:1/nowhere: FAILED: ")) << run.all();

  run = project_.strata({"migrate", "--env", "tenants", "--parallel", "2", "--continue-on-error"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.out, "3 applied, 0 already current, 1 failed, 0 skipped")) << run.all();
  EXPECT_FALSE(contains(run.all(), "fleet-s3cret")) << run.all();

  run = project_.strata({"status", "--env", "tenants", "--format", "json"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  const auto status = nlohmann::json::parse(run.out);
  EXPECT_EQ(status["counts"]["unreachable"], 1);
  EXPECT_EQ(status["counts"]["current"], 3);
  EXPECT_EQ(status["targets"][0]["state"], "unreachable");  // the ones needing attention first
  EXPECT_EQ(status["targets"][1]["migrations"]["20260101000002"], "applied");
  EXPECT_FALSE(contains(run.all(), "fleet-s3cret")) << run.all();
}

TEST_F(Fleet, AFailingCanaryStopsTheRunAndShardsSliceTheFleet) {
  make_databases(6);
  connections_.insert(connections_.begin() + 1, "postgresql://app@127.0.0.1:1/canary");
  write_fleet_file();
  auto run = project_.strata({"migrate", "--env", "tenants", "--canary", "2", "--continue-on-error"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.out, "1 applied, 0 already current, 1 failed, 5 skipped")) << run.all();
  connections_.erase(connections_.begin() + 1);
  write_fleet_file();

  // Shard 2 of 3: targets 2 and 5 of the six.
  run = project_.strata({"migrate", "--env", "tenants", "--shard", "2/3"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "fleet tenants: 2 targets: 2 applied")) << run.all();
  EXPECT_EQ(history(1).first, 3);
  EXPECT_EQ(history(4).first, 3);
  EXPECT_EQ(project_.strata({"status", "--env", "tenants", "--shard", "2/3"}).exit_code, 0);
  run = project_.strata({"migrate", "--env", "tenants", "--shard", "4/3"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "--shard 4/3: expected i/N with 1 <= i <= N")) << run.all();
}

TEST_F(Fleet, TargetsFromAControlDatabaseAndPromotionOrderBetweenFleets) {
  make_databases(4);
  strata::testing::ScratchDb control("fleet_control");
  exec(control.connection_string(), "CREATE TABLE tenants (url text, name text)");
  for (std::size_t i = 0; i < connections_.size(); ++i) {
    exec(control.connection_string(), "INSERT INTO tenants VALUES ('" + connections_[i] + "', 'tenant" + std::to_string(i) + "')");
  }
  // Staging: the first two (a file); production: all four (the control database), protected.
  project_.write("staging.txt", connections_[0] + "\n" + connections_[1] + "\n");
  project_.write_project(R"({"environments": [
    {"name": "staging", "fleet": {"urls_file": "staging.txt"}},
    {"name": "production", "protected": true, "backup": false,
     "fleet": {"query": "SELECT url, name FROM tenants ORDER BY name", "control_url_env": "CONTROL_URL"}}]})");
  const strata::testing::Variables variables{{"CONTROL_URL", control.connection_string()}};
  auto run = project_.strata({"migrate", "--env", "production", "--yes"}, variables);
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "20260101000001_create_users: not applied to staging target ")) << run.all();
  ASSERT_EQ(project_.strata({"migrate", "--env", "staging"}).exit_code, 0);
  run = project_.strata({"migrate", "--env", "production"}, variables);
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "protected")) << run.all();  // not confirmed
  run = project_.strata({"migrate", "--env", "production", "--yes"}, variables);
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "tenant2: applied 3 migrations")) << run.all();
  EXPECT_TRUE(contains(run.out, "tenant0: up to date")) << run.all();
  // A fleet is not one database: other commands refuse it.
  run = project_.strata({"rollback", "--env", "production"}, variables);
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "is a fleet of databases, not one")) << run.all();
}

TEST_F(Fleet, TenantSchemasOfOneDatabaseEachGetTheirTablesAndHistory) {
  strata::testing::ScratchDb database("fleet_schemas");
  std::string schemas;
  for (int i = 0; i < 40; ++i) schemas += std::string(i ? ", " : "") + "\"tenant_" + std::to_string(i) + "\"";
  project_.write_project(R"({"environments": [{"name": "schemas", "fleet": {"url_env": "TENANTS_URL", "schemas": [)" + schemas +
                         "]}},\n  {\"name\": \"queried\", \"fleet\": {\"url_env\": \"TENANTS_URL\", \"schemas_query\": "
                         "\"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant%' ORDER BY nspname\"}}]}");
  const strata::testing::Variables variables{{"TENANTS_URL", database.connection_string()}};
  auto run = project_.strata({"migrate", "--env", "schemas", "--parallel", "8"}, variables);
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "fleet schemas: 40 targets: 40 applied")) << run.all();
  // Every tenant has its own tables and history, each migration recorded once; nothing in public.
  const auto per_tenant = exec(database.connection_string(),
                               "SELECT count(*) FILTER (WHERE c.relname = 'users'), count(*) FILTER (WHERE c.relname = "
                               "'strata_migrations'), count(DISTINCT n.nspname) FROM pg_class c JOIN pg_namespace n ON "
                               "n.oid = c.relnamespace WHERE n.nspname LIKE 'tenant%' AND c.relkind = 'r'");
  EXPECT_EQ(per_tenant[0][0].as<int>(), 40);
  EXPECT_EQ(per_tenant[0][1].as<int>(), 40);
  EXPECT_EQ(per_tenant[0][2].as<int>(), 40);
  EXPECT_TRUE(exec(database.connection_string(), "SELECT 1 FROM pg_class WHERE relname IN ('users', 'tasks') AND "
                                                 "relnamespace = 'public'::regnamespace").empty());
  const auto history = exec(database.connection_string(),
                            "SELECT count(*), count(DISTINCT version) FROM \"tenant_17\".strata_migrations");
  EXPECT_EQ(history[0][0].as<int>(), 3);
  EXPECT_EQ(history[0][1].as<int>(), 3);

  // The same tenants found by a query: all current.
  run = project_.strata({"status", "--env", "queried"}, variables);
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "fleet queried: 40 targets: 40 current, 0 behind, 0 unreachable")) << run.all();
  // A new migration reaches every tenant once.
  project_.add_migrations({{"20260101000004", "add_note", "ALTER TABLE users ADD COLUMN note text;\n",
                            "ALTER TABLE users DROP COLUMN note;\n"}});
  run = project_.strata({"migrate", "--env", "queried", "--parallel", "8"}, variables);
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "40 applied")) << run.all();
  EXPECT_EQ(exec(database.connection_string(), "SELECT count(*) FROM pg_attribute WHERE attname = 'note' AND attrelid IN "
                                               "(SELECT oid FROM pg_class WHERE relname = 'users')")[0][0].as<int>(), 40);
}

TEST_F(Fleet, VerifyNamesTheTargetThatDrifted) {
  make_databases(3);
  write_fleet_file();
  ASSERT_EQ(project_.strata({"migrate", "--env", "tenants"}).exit_code, 0);
  exec(connections_[1], "ALTER TABLE users ADD COLUMN added_by_hand int");
  const auto run = project_.strata({"verify", "--env", "tenants", "--format", "json"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["drifted"], 1);
  EXPECT_EQ(report["failed"], 0);
  ASSERT_EQ(report["targets"].size(), 3u);
  EXPECT_EQ(report["targets"][0]["drift"], false);
  EXPECT_EQ(report["targets"][1]["drift"], true);
  EXPECT_TRUE(contains(report["targets"][1]["differences"].dump(), "added_by_hand")) << run.all();
  EXPECT_EQ(report["targets"][2]["drift"], false);
}

TEST_F(Fleet, AKilledFleetRunLeavesEveryTargetAtAMigrationBoundaryAndTheRerunFinishes) {
  make_databases(8);
  write_fleet_file();
  project_.add_migrations({{"20260101000004", "slow", "SELECT pg_sleep(0.3);\nALTER TABLE users ADD COLUMN slow int;\n",
                            "ALTER TABLE users DROP COLUMN slow;\n"}});
  boost::process::child fleet_run(STRATA_CLI_PATH, "--no-cluster-cache", "migrate", "--env", "tenants", "--parallel", "2",
                                  boost::process::start_dir = project_.root().string(),
                                  boost::process::std_out > boost::process::null, boost::process::std_err > boost::process::null);
  std::this_thread::sleep_for(std::chrono::milliseconds(900));
  ::kill(fleet_run.id(), SIGKILL);
  fleet_run.wait();
  std::size_t unfinished = 0;  // the kill came before the end (8 targets, 2 at a time, 0.3 s each)
  for (std::size_t i = 0; i < connections_.size(); ++i) {
    const auto rows = exec(connections_[i], "SELECT to_regclass('strata.migrations') IS NOT NULL");
    if (!rows[0][0].as<bool>()) {
      ++unfinished;
      continue;
    }
    const auto [count, distinct] = history(i);
    EXPECT_EQ(count, distinct) << i;
    // A boundary: every recorded migration's effect is there, nothing of a later one.
    const bool slow_column = exec(connections_[i], "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('users') "
                                                   "AND attname = 'slow'").size() == 1;
    EXPECT_EQ(slow_column, count == 4) << i;
    unfinished += count < 4;
  }
  EXPECT_GT(unfinished, 0u) << "the fleet run ended before it was killed";
  const auto run = project_.strata({"migrate", "--env", "tenants", "--parallel", "4"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  for (std::size_t i = 0; i < connections_.size(); ++i) EXPECT_EQ(history(i), std::make_pair(4L, 4L)) << i;
}

}  // namespace
