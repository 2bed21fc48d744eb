// The pool in-process: the url backend, the TTL sweep, acquire latency, clone strategies,
// dropping a database a test left a connection to.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <random>
#include <iostream>
#include <pqxx/pqxx>
#include <thread>

#include "strata/test_database.h"
#include "test_cluster.h"

namespace strata::testdb {
namespace {

using namespace std::chrono_literals;

const std::string kMigrations = STRATA_SOURCE_DIR "/tests/test_database/migrations";

int count(const std::string& sql) {
  return strata::testing::exec(strata::testing::shared_cluster().connection_string(), sql).at(0).at(0).as<int>();
}
bool database_exists(const std::string& name) {
  return count("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == 1;
}
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

PoolOptions options(int ready, bool background = true) {
  PoolOptions options;
  options.ready = ready;
  options.background = background;
  return options;
}

TEST(UrlBackend, AgainstTheLocalClustersUrl) {
  const auto server = url_server(strata::testing::shared_cluster().url("postgres"));
  EXPECT_EQ(server->kind(), BackendKind::url);
  EXPECT_FALSE(server->clients_on_this_host());
  auto pool = TemplatePool::from_directory(server, kMigrations, options(1));
  auto database = pool->acquire();
  EXPECT_EQ(database.url().find("postgresql://"), 0u) << database.url();
  {
    pqxx::connection connection(database.url());
    pqxx::work work(connection);
    work.exec0("INSERT INTO notes (marker) VALUES ('url')");
    EXPECT_EQ(work.exec1("SELECT count(*) FROM strata.migrations")[0].as<int>(), 2);
    work.commit();
  }
  const std::string name = database.name();
  database.release();
  pool.reset();  // drops what was released
  EXPECT_FALSE(database_exists(name));
}

TEST(UrlBackend, EnvironmentSelectsIt) {
  ::setenv("STRATA_TEST_BACKEND", "url", 1);
  ::setenv("STRATA_TEST_DATABASE_URL", "postgresql://someone@db.example/app?sslmode=require", 1);
  const auto options = BackendOptions::from_environment();
  ::unsetenv("STRATA_TEST_BACKEND");
  ::unsetenv("STRATA_TEST_DATABASE_URL");
  EXPECT_EQ(options.kind, BackendKind::url);
  const auto server = url_server(options.url);
  EXPECT_EQ(server->admin_database(), "app");
  EXPECT_EQ(server->url("strata_t_x"), "postgresql://someone@db.example/strata_t_x?sslmode=require");
  EXPECT_NE(server->connection_string("strata_t_x").find("dbname=strata_t_x"), std::string::npos);
  EXPECT_THROW(parse_backend_kind("podman"), strata::Error);
}

// Clients of a url server may be on other hosts: a test database is swept by age, not by pid.
// (Both names carry our own, live pid, so that the sweeps of other test processes on this
// cluster, which go by pid, leave them alone.)
TEST(UrlBackend, SweepsByAgeNotByPid) {
  const auto& cluster = strata::testing::shared_cluster();
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string prefix = "strata_t_0123456789ab_" + std::to_string(::getpid()) + "_";
  const std::string old_name = prefix + std::to_string(now - 7200) + "_1";
  const std::string young_name = prefix + std::to_string(now) + "_2";
  cluster.create_database(old_name);
  cluster.create_database(young_name);
  sweep_stale_databases(*cluster_server(cluster), std::chrono::hours(1));
  EXPECT_TRUE(database_exists(old_name)) << "swept on a cluster of ours although its process lives";
  sweep_stale_databases(*url_server(cluster.url("postgres")), std::chrono::hours(1));
  EXPECT_FALSE(database_exists(old_name)) << "not swept past its TTL";
  EXPECT_TRUE(database_exists(young_name)) << "swept before its TTL";
  cluster.drop_database(old_name);
  cluster.drop_database(young_name);
}

TEST(AcquireLatency, WarmPoolHandsOutADatabaseInMilliseconds) {
  const auto server = cluster_server(strata::testing::shared_cluster());
  auto pool = TemplatePool::from_directory(server, kMigrations, options(3));
  const std::string ready = "SELECT count(*) FROM pg_database WHERE datname LIKE 'strata\\_r\\_" +
                            pool->key().substr(0, 12) + "\\_%'";
  std::vector<double> times;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(eventually([&] { return count(ready) >= 3; }, 30s)) << "ready clones not kept";
    auto database = pool->acquire();
    times.push_back(database.acquire_ms());
  }
  std::sort(times.begin(), times.end());
  std::cout << "[ timing ] acquire from a warm pool: median " << times[2] << " ms, max " << times.back()
            << " ms (strategy " << to_string(pool->strategy()) << ", template " << pool->template_bytes() / 1024
            << " kB)\n";
  EXPECT_GE(pool->stats().acquired_ready, 5);
  EXPECT_LT(times[2], 100.0) << "sanity bound only; see bench/test_database_bench for the numbers";
}

TEST(Release, DropsTheDatabaseEvenWithAConnectionLeftOpen) {
  auto pool = TemplatePool::from_directory(cluster_server(strata::testing::shared_cluster()), kMigrations, options(0));
  auto database = pool->acquire();
  const std::string name = database.name();
  pqxx::connection leaked(database.connection_string());
  database.release();
  EXPECT_TRUE(eventually([&] { return !database_exists(name); })) << name;
}

// Migrations no other test (or run) has: no template, no ready clones yet.
std::vector<migrations::Migration> fresh_migrations() {
  static std::mt19937_64 random{std::random_device{}()};
  migrations::Migration migration;
  migration.version = "20260101000000";
  migration.slug = "create_notes";
  migration.up.path = "20260101000000_create_notes.sql";
  migration.up.sql = "-- nonce " + std::to_string(random()) + "\nCREATE TABLE notes (id int);\n";
  return {migration};
}

TEST(Strategies, BothMakeWorkingClones) {
  for (const auto strategy : {CloneStrategy::wal_log, CloneStrategy::file_copy}) {
    auto pool_options = options(0, false);
    pool_options.strategy = strategy;
    TemplatePool pool(cluster_server(strata::testing::shared_cluster()), fresh_migrations(), pool_options);
    EXPECT_EQ(pool.strategy(), strategy);
    auto database = pool.acquire();
    EXPECT_EQ(strata::testing::exec(database.connection_string(), "SELECT count(*) FROM notes").at(0).at(0).as<int>(), 0);
    EXPECT_EQ(pool.stats().acquired_cold, 1);
  }
  EXPECT_EQ(parse_clone_strategy("file_copy"), CloneStrategy::file_copy);
  EXPECT_THROW(parse_clone_strategy("copy"), strata::Error);
}

TEST(Seed, EveryDatabaseStartsWithTheSeedAndTheSeedIsPartOfTheKey) {
  const auto migrations = fresh_migrations();
  std::vector<sql::SourceFile> seed = {{"01_notes.sql", "INSERT INTO notes VALUES (1), (2);\n"},
                                       {"02_more.sql", "INSERT INTO notes VALUES (3);\n"}};
  auto pool_options = options(0, false);
  pool_options.seed = seed;
  TemplatePool seeded(cluster_server(strata::testing::shared_cluster()), migrations, pool_options);
  auto database = seeded.acquire();
  EXPECT_EQ(strata::testing::exec(database.connection_string(), "SELECT count(*) FROM notes").at(0).at(0).as<int>(), 3);

  TemplatePool plain(cluster_server(strata::testing::shared_cluster()), migrations, options(0, false));
  EXPECT_NE(plain.key(), seeded.key());
  auto empty = plain.acquire();
  EXPECT_EQ(strata::testing::exec(empty.connection_string(), "SELECT count(*) FROM notes").at(0).at(0).as<int>(), 0);

  seed[1].text = "INSERT INTO notes VALUES (4);\n";  // a changed seed file is a different template
  EXPECT_NE(TemplatePool::key_of(migrations, seed), seeded.key());

  // A failing seed names its file:line:col and leaves no template behind.
  auto failing = options(0, false);
  failing.seed = {{"bad.sql", "INSERT INTO notes VALUES (5);\nINSERT INTO missing VALUES (1);\n"}};
  try {
    TemplatePool broken(cluster_server(strata::testing::shared_cluster()), migrations, failing);
    ADD_FAILURE() << "a failing seed built a template";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("bad.sql:2:1"), std::string::npos) << error.what();
  }
  EXPECT_EQ(count("SELECT count(*) FROM pg_database WHERE datname = '" +
                  template_database_name(TemplatePool::key_of(migrations, failing.seed)) + "'"),
            0);
}

TEST(Seed, ReadsTheSqlFilesOfADirectoryInNameOrder) {
  const std::filesystem::path dir = "/tmp/tdb-seed-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "02_b.sql") << "SELECT 2;";
  std::ofstream(dir / "01_a.sql") << "SELECT 1;";
  std::ofstream(dir / "notes.txt") << "not seed";
  const auto files = sql::read_sql_files(dir);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path.filename(), "01_a.sql");
  EXPECT_EQ(files[1].text, "SELECT 2;");
  EXPECT_TRUE(sql::read_sql_files(dir).empty());
}

TEST(Integrity, AnEditedMigrationIsRefused) {
  const std::string dir = "/tmp/tdb-sum-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::filesystem::copy(kMigrations, dir, std::filesystem::copy_options::recursive);
  std::ofstream(dir + "/20260101000000_create_notes.sql", std::ios::app) << "-- edited\n";
  EXPECT_THROW(TemplatePool::from_directory(cluster_server(strata::testing::shared_cluster()), dir, options(0)),
               migrations::MigrationError);
  std::filesystem::remove_all(dir);
}

// A path typed wrong (or relative to another working directory) must not give empty databases
// that every test then fails on with "relation does not exist".
TEST(Integrity, AMissingMigrationsDirectoryIsAnErrorNamingWhereItLooked) {
  try {
    TemplatePool::from_directory(cluster_server(strata::testing::shared_cluster()), "no/such/migrations", options(0));
    FAIL() << "a missing directory must be refused";
  } catch (const migrations::MigrationError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find((std::filesystem::current_path() / "no/such/migrations").string()), std::string::npos)
        << message;
    EXPECT_NE(message.find("working directory"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace strata::testdb
