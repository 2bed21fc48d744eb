// The embedded development database: `strata migrate` with no --url and no --env.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include <pqxx/pqxx>

#include "cli_runner_support.h"
#include "strata/backup.h"
#include "strata/dev_database.h"

namespace {

namespace fs = std::filesystem;
using strata::testing::TempProject;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class DevDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add_migrations(strata::testing::standard_migrations());
    fs::create_directories(dev_dir);
  }
  void TearDown() override {
    // Never leave a server running, whatever the test did.
    project.strata({"dev", "stop"}, variables());
  }
  strata::testing::Variables variables() const { return {{"STRATA_DEV_DIR", dev_dir.string()}}; }

  TempProject project;
  fs::path dev_dir = project.root() / "dev-data";
};

TEST_F(DevDatabase, MigrateWorksWithNothingConfiguredAndTheServerIsReusedThenStopped) {
  auto run = project.strata({"migrate"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "applying 20260101000003_add_users_name")) << run.all();
  EXPECT_TRUE(contains(run.out, "development database (" + dev_dir.string() + ")")) << run.all();
  EXPECT_TRUE(fs::exists(dev_dir / "server" / "data" / "PG_VERSION"));
  EXPECT_TRUE(strata::runtime::dev_database_running(dev_dir));  // left running for the next command

  run = project.strata({"migrate"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "nothing to apply")) << run.all();
  EXPECT_EQ(project.strata({"status"}, variables()).exit_code, 0);

  run = project.strata({"dev", "url"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "postgresql:///strata_dev?host=/tmp/strata-dev-")) << run.all();
  const auto host = run.out.substr(run.out.find("host=") + 5);
  const fs::path socket_dir = host.substr(0, host.find('&'));
  EXPECT_TRUE(fs::exists(socket_dir / ".s.PGSQL.5432")) << socket_dir;
  {
    pqxx::connection connection(run.out.substr(0, run.out.find('\n')));
    pqxx::nontransaction work(connection);
    EXPECT_EQ(work.exec("SELECT count(*) FROM strata.migrations")[0][0].as<int>(), 3);
  }

  run = project.strata({"dev", "status"}, variables());
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "running: " + dev_dir.string())) << run.all();
  EXPECT_TRUE(contains(run.out, "idle stop: after 1800 s without use (last used by strata ")) << run.all();

  run = project.strata({"dev", "stop"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "stopped")) << run.all();
  run = project.strata({"dev", "status"}, variables());
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.out, "not running: " + dev_dir.string() + " (its data is kept")) << run.all();
  EXPECT_FALSE(strata::runtime::dev_database_running(dev_dir));
  EXPECT_FALSE(fs::exists(dev_dir / "server" / "data" / "postmaster.pid"));
  EXPECT_FALSE(strata::testing::process_mentions(dev_dir.string()));
  EXPECT_FALSE(fs::exists(socket_dir)) << "the socket directory is left in /tmp";
  run = project.strata({"dev", "stop"}, variables());
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "not running")) << run.all();

  // The data outlives the server: started again on demand, everything still applied.
  run = project.strata({"status"}, variables());
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "3 applied (current)")) << run.all();
}

TEST_F(DevDatabase, StopsAfterItsIdleTimeButNotWhileAClientIsConnected) {
  auto idle = variables();
  idle.emplace("STRATA_DEV_IDLE_TIMEOUT", "2");
  auto run = project.strata({"migrate"}, idle);
  ASSERT_EQ(run.exit_code, 0) << run.all();
  run = project.strata({"dev", "url"}, idle);
  ASSERT_EQ(run.exit_code, 0) << run.all();
  {
    // A session of the developer's own (psql, the app) counts as use, however long it is idle.
    pqxx::connection connection(run.out.substr(0, run.out.find('\n')));
    std::this_thread::sleep_for(std::chrono::seconds(5));
    EXPECT_TRUE(strata::runtime::dev_database_running(dev_dir)) << "stopped under a connected client";
  }
  bool stopped = false;
  for (int i = 0; i < 100 && !stopped; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stopped = !strata::runtime::dev_database_running(dev_dir) &&
              !fs::exists(dev_dir / "server" / "data" / "postmaster.pid");
  }
  // The client left at most a second ago, then the idle time: well within 10 s.
  EXPECT_TRUE(stopped) << "still running 10 s after its last client left";
  for (int i = 0; i < 30 && strata::testing::process_mentions(dev_dir.string()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(strata::testing::process_mentions(dev_dir.string())) << "the watchdog outlived its server";
  run = project.strata({"dev", "status"}, idle);
  EXPECT_EQ(run.exit_code, 1) << run.all();

  // The data is kept: the next command starts it again.
  run = project.strata({"status"}, idle);
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "3 applied (current)")) << run.all();

  run = project.strata({"dev", "status"}, {{"STRATA_DEV_DIR", dev_dir.string()}, {"STRATA_DEV_IDLE_TIMEOUT", "soon"}});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "STRATA_DEV_IDLE_TIMEOUT must be a number of seconds")) << run.all();
}

TEST_F(DevDatabase, TheDefaultDirectoryIsInTheProjectAndConcurrentFirstUsesAgree) {
  // No STRATA_DEV_DIR: <project root>/.strata/dev, found from a sub-directory via strata.json.
  project.write_project("{}");
  fs::create_directories(project.root() / "src");
  std::vector<std::future<strata::testing::Run>> runs;
  for (int i = 0; i < 2; ++i) {
    runs.push_back(std::async(std::launch::async,
                              [&] { return strata::testing::run_strata({"migrate"}, project.root() / "src", {{"STRATA_DEV_DIR", std::nullopt}}); }));
  }
  int applied = 0;
  for (auto& future : runs) {
    const auto run = future.get();
    EXPECT_EQ(run.exit_code, 0) << run.all();
    if (contains(run.out, "applied 3 migrations")) ++applied;
  }
  EXPECT_EQ(applied, 1);  // the other found them applied (or waited for the lock)
  const auto default_dir = project.root() / ".strata" / "dev";
  EXPECT_TRUE(fs::exists(default_dir / "server" / "data" / "PG_VERSION"));
  EXPECT_TRUE(strata::runtime::stop_dev_database(default_dir));
  EXPECT_FALSE(strata::testing::process_mentions(default_dir.string()));
}

TEST(DevDatabaseAccount, AnUnreachableDirectoryIsAClearError) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root's server runs as another account";
  TempProject project;
  const auto closed = project.root() / "closed";
  fs::create_directories(closed / "dev");
  fs::permissions(closed, fs::perms::owner_all);  // 0700: `nobody` cannot enter
  const auto run = project.strata({"migrate"}, {{"STRATA_DEV_DIR", (closed / "dev").string()}});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "cannot enter " + closed.string())) << run.all();
  EXPECT_TRUE(contains(run.err, "STRATA_DEV_DIR")) << run.all();
}

TEST(Backup, PasswordsAreSplitOffTheConnection) {
  auto split = strata::backup::split_password("postgresql://app:s3cret%40x@db.example:5433/app?sslmode=require");
  EXPECT_EQ(split.password, "s3cret@x");
  EXPECT_FALSE(contains(split.connection, "s3cret")) << split.connection;
  EXPECT_TRUE(contains(split.connection, "host=db.example")) << split.connection;
  EXPECT_TRUE(contains(split.connection, "port=5433")) << split.connection;
  EXPECT_TRUE(contains(split.connection, "user=app")) << split.connection;
  split = strata::backup::split_password("host=/tmp dbname=app password='a b'");
  EXPECT_EQ(split.password, "a b");
  EXPECT_FALSE(contains(split.connection, "password")) << split.connection;
  split = strata::backup::split_password("postgresql:///app");
  EXPECT_FALSE(split.password);
  EXPECT_THROW(strata::backup::split_password("postgresql://app:hunter2@[::1/app"), strata::backup::BackupError);
  try {
    strata::backup::split_password("host=x password=hunter2 =oops");
  } catch (const strata::backup::BackupError& error) {
    EXPECT_FALSE(contains(error.what(), "hunter2")) << error.what();
  }
}

TEST(Backup, FileNamesAreUtcTimestamps) {
  const auto when = std::chrono::system_clock::from_time_t(1795000000);  // 2026-11-18T11:06:40Z
  EXPECT_EQ(strata::backup::backup_file_name("prod", when), "prod-20261118T110640Z.dump");
}

}  // namespace
