// The server's backend dies in the middle of a migration (SIGKILL; the postmaster then
// restarts every backend): a clean error, nothing half-applied, and the next run works.
#include <signal.h>
#include <unistd.h>

#include <future>
#include <thread>

#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;
using Clock = std::chrono::steady_clock;

class ServerCrash : public RunnerTest {};

TEST_F(ServerCrash, BackendKilledMidMigrationIsACleanErrorAndNothingIsHalfApplied) {
  if (::geteuid() != 0) GTEST_SKIP() << "killing the server's backend needs root (the server runs as another user)";
  add(1, "before", "CREATE TABLE before_crash (id int);\n");
  const auto victim = add(2, "victim", "CREATE TABLE crash_victim (id int);\nSELECT pg_sleep(5);\n");
  add(3, "after", "CREATE TABLE after_crash (id int);\n");
  const auto migrations = files();
  const std::string connection = url();

  auto run = std::async(std::launch::async, [&]() -> std::string {
    try {
      migrate(connection, migrations, quick());
      return "no error";
    } catch (const RunnerError& error) {
      return std::string("RunnerError: ") + error.what();
    } catch (const sql::SqlError& error) {
      return std::string("SqlError: ") + error.what();
    } catch (const std::exception& error) {
      return std::string("unexpected exception: ") + error.what();
    }
  });

  std::string backend;
  const auto deadline = Clock::now() + 10s;
  while (backend.empty() && Clock::now() < deadline) {
    // The statement runs in a query string with the file's other statements (pg::send_batch).
    backend = scalar("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                     "AND query LIKE '%SELECT pg_sleep(5)%' AND state = 'active'");
    if (backend.empty()) std::this_thread::sleep_for(10ms);
  }
  ASSERT_FALSE(backend.empty()) << "the migration never reached pg_sleep: " << run.get();
  const std::string killed_at = scalar("SELECT clock_timestamp()::text");
  ASSERT_EQ(::kill(std::stoi(backend), SIGKILL), 0);

  const std::string outcome = run.get();
  std::printf("%s\n", outcome.c_str());
  EXPECT_TRUE(outcome.rfind("RunnerError: ", 0) == 0 || outcome.rfind("SqlError: ", 0) == 0) << outcome;
  EXPECT_NE(outcome.find(victim.string()), std::string::npos) << outcome;  // names the migration's file

  // The postmaster reinitialises after a backend crash. A connection can still succeed before
  // it has noticed the death (and be cut a moment later), so wait for the restart itself: a
  // checkpointer started after the kill.
  const auto recovered_by = Clock::now() + 30s;
  for (;;) {
    try {
      const auto restarted = strata::testing::exec(
          url(), "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'checkpointer' AND backend_start > '" +
                     killed_at + "'::timestamptz");
      if (restarted[0][0].as<int>() == 1) break;
    } catch (const std::exception& error) {
      ASSERT_LT(Clock::now(), recovered_by) << "the server did not come back: " << error.what();
    }
    ASSERT_LT(Clock::now(), recovered_by) << "the server did not restart its processes";
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(table_exists("before_crash"));
  EXPECT_FALSE(table_exists("crash_victim"));
  EXPECT_FALSE(table_exists("after_crash"));
  EXPECT_EQ(history_versions(), std::vector<std::string>{version(1)});

  // Not applied, so its file may still change; the rerun applies the rest.
  add(2, "victim", "CREATE TABLE crash_victim (id int);\nSELECT pg_sleep(0);\n");
  const auto report = migrate(url(), files(), quick());
  EXPECT_EQ(report.applied.size(), 2u);
  EXPECT_TRUE(table_exists("crash_victim"));
  EXPECT_TRUE(status(url(), files()).current());
}

}  // namespace
}  // namespace strata::runner
