// What works through a real PgBouncer in transaction-pooling mode (tests/support/pgbouncer.h):
// concurrent `strata migrate` runs, the generated accessors in their unprepared statement mode,
// and the test database pool's url backend. docs/runner.md ("Behind PgBouncer") says what needs
// a session instead.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <pqxx/pqxx>

#include "pgbouncer.h"
#include "run_strata.h"
#include "strata/accessors/statement_mode.h"
#include "strata/test_database.h"
#include "strata_test/db/schema.h"
#include "test_cluster.h"

namespace {

namespace fs = std::filesystem;
using strata::testing::PgBouncer;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class ThroughPgBouncer : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip_reason;
    bouncer_ = PgBouncer::start(strata::testing::shared_cluster().connection_string("postgres"),
                                PgBouncer::PoolMode::transaction, skip_reason);
    if (!bouncer_) GTEST_SKIP() << skip_reason;
  }
  void TearDown() override {
    bouncer_.reset();  // its server connections go before the databases are dropped
    fs::remove_all(dir_);
  }

  fs::path write_migrations(int count, bool with_no_transaction = false) {
    const auto migrations = dir_ / "migrations";
    fs::create_directories(migrations);
    for (int i = 1; i <= count; ++i) {
      char version[32];
      std::snprintf(version, sizeof version, "202601010000%02d", i);
      std::ofstream(migrations / (std::string(version) + "_t" + std::to_string(i) + ".sql"))
          << "CREATE TABLE t" << i << " (id int PRIMARY KEY);\nINSERT INTO t" << i << " VALUES (" << i << ");\n";
    }
    if (with_no_transaction) {
      std::ofstream(migrations / "20260201000000_index_online.sql")
          << "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY t1_id ON t1 (id);\n";
    }
    const auto hash = strata::testing::run_strata({"hash", "--migrations", migrations.string()}, dir_);
    EXPECT_EQ(hash.exit_code, 0) << hash.all();
    return migrations;
  }

  fs::path dir_ = fs::temp_directory_path() / ("strata-pgbouncer-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::unique_ptr<PgBouncer> bouncer_;
};

TEST_F(ThroughPgBouncer, EightConcurrentMigrateRunsApplyEachMigrationExactlyOnce) {
  strata::testing::ScratchDb database("pgbouncer_migrate");
  const auto migrations = write_migrations(12);
  const auto url = bouncer_->url(database.name());
  std::vector<std::future<strata::testing::Run>> runs;
  for (int i = 0; i < 8; ++i) {
    runs.push_back(std::async(std::launch::async, [&] {
      return strata::testing::run_strata({"migrate", "--url", url, "--migrations", migrations.string()}, dir_);
    }));
  }
  int applied_runs = 0;
  for (auto& future : runs) {
    const auto run = future.get();
    EXPECT_EQ(run.exit_code, 0) << run.all();
    // A run that found everything applied at its first look stops before any lock; one that
    // applies says it took no session lock.
    if (contains(run.out, "applying ")) {
      ++applied_runs;
      EXPECT_TRUE(contains(run.err, "note: behind a connection pooler: no session lock")) << run.all();
    }
  }
  EXPECT_GE(applied_runs, 1);
  // Straight to the server: each version recorded once, each table made once, and no session
  // lock stranded on a pooled server connection.
  const auto direct = database.connection_string();
  const auto history = strata::testing::exec(direct, "SELECT count(*), count(DISTINCT version) FROM strata.migrations");
  EXPECT_EQ(history[0][0].as<int>(), 12) << "a version recorded twice";
  EXPECT_EQ(history[0][1].as<int>(), 12);
  EXPECT_EQ(strata::testing::exec(direct, "SELECT (SELECT count(*) FROM t1) + (SELECT count(*) FROM t12)")[0][0].as<int>(), 2);
  EXPECT_EQ(strata::testing::exec(direct, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")[0][0].as<int>(), 0);

  // A later run through the pooler is not held up by anything the others left.
  const auto again = strata::testing::run_strata({"migrate", "--url", url, "--migrations", migrations.string()}, dir_);
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_TRUE(contains(again.out, "nothing to apply")) << again.all();
}

TEST_F(ThroughPgBouncer, ANoTransactionMigrationIsRefusedWithTheReasonAndNothingRuns) {
  strata::testing::ScratchDb database("pgbouncer_notx");
  const auto migrations = write_migrations(2, true);
  const auto run = strata::testing::run_strata(
      {"migrate", "--url", bouncer_->url(database.name()), "--migrations", migrations.string()}, dir_);
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "is reached through a connection pooler, and 20260201000000_index_online.sql runs outside a transaction"))
      << run.all();
  EXPECT_TRUE(contains(run.err, "Migrate through a direct URL")) << run.all();
  EXPECT_EQ(strata::testing::exec(database.connection_string(), "SELECT count(*) FROM pg_tables WHERE tablename = 't1'")[0][0].as<int>(), 0);

  // The same files through a direct URL.
  const auto direct = strata::testing::run_strata(
      {"migrate", "--url", strata::testing::shared_cluster().url(database.name()), "--migrations", migrations.string()}, dir_);
  EXPECT_EQ(direct.exit_code, 0) << direct.all();
}

TEST_F(ThroughPgBouncer, AccessorsWorkInTheUnpreparedStatementMode) {
  strata::testing::ScratchDb database("pgbouncer_accessors");
  {
    pqxx::connection connection(database.connection_string());
    for (const auto& migration : strata_test::db::migrations()) {
      pqxx::work work(connection);
      work.exec(migration.up.sql);
      work.commit();
    }
  }
  strata::accessors::set_statement_mode(strata::accessors::StatementMode::unprepared);
  std::int64_t id = 0;
  {
    pqxx::connection connection(bouncer_->url(database.name()));
    {
      pqxx::work tx(connection);
      id = strata_test::db::accounts::insert(tx, {.email = "ada@example.com", .name = "Ada", .tenant = 1, .handle = "ada"}).id;
      tx.commit();
    }
    // Every transaction may run on another server connection: nothing may depend on the last.
    for (int i = 0; i < 20; ++i) {
      pqxx::work tx(connection);
      ASSERT_EQ(strata_test::db::accounts::find(tx, id)->name, "Ada");
      ASSERT_EQ(strata_test::db::accounts::find_by_email(tx, "ada@example.com")->id, id);
    }
  }
  strata::accessors::set_statement_mode(strata::accessors::StatementMode::prepared);
  EXPECT_EQ(strata::testing::exec(database.connection_string(), "SELECT count(*) FROM pg_prepared_statements")[0][0].as<int>(), 0);
}

TEST_F(ThroughPgBouncer, TheTestDatabasePoolsUrlBackendWorks) {
  const auto server = strata::testdb::url_server(bouncer_->url("postgres"));
  strata::testdb::PoolOptions options;
  options.ready = 2;
  auto pool = strata::testdb::TemplatePool::from_directory(server, STRATA_SOURCE_DIR "/tests/test_database/migrations", options);
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    auto database = pool->acquire();
    EXPECT_EQ(database.url().rfind(bouncer_->url(""), 0), 0u) << "the test connects through the pooler: " << database.url();
    pqxx::connection connection(database.url());
    pqxx::work work(connection);
    work.exec0("INSERT INTO notes (marker) VALUES ('through pgbouncer')");
    EXPECT_EQ(work.exec1("SELECT count(*) FROM notes")[0].as<int>(), 1) << "each test starts empty";
    work.commit();
    names.push_back(database.name());
  }
  pool.reset();
  for (const auto& name : names) {
    EXPECT_EQ(strata::testing::exec(strata::testing::shared_cluster().connection_string(),
                                    "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")[0][0].as<int>(),
              0)
        << name << " was not dropped";
  }
}

}  // namespace
