// Runners as separate processes (tests/runner/driver): eight at once apply every migration
// exactly once; a runner SIGKILLed at a random moment leaves the database at a migration
// boundary, and the next run completes.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <random>
#include <set>
#include <thread>

#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;
using Clock = std::chrono::steady_clock;

class Processes : public RunnerTest {
 protected:
  // Starts the driver on this test's database and directory; its output goes to `log`.
  pid_t spawn(const fs::path& log) const {
    const std::string connection = url(), directory = dir_.string(), log_path = log.string();
    const pid_t pid = ::fork();
    if (pid == 0) {  // only async-signal-safe calls until exec
      const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      ::execl(STRATA_RUNNER_DRIVER, STRATA_RUNNER_DRIVER, connection.c_str(), directory.c_str(), nullptr);
      ::_exit(127);
    }
    return pid;
  }
  static int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
  }
  static std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // The backend of a killed runner finishes what it was doing and exits when it next reads
  // from its closed socket; look at the database only after that.
  void wait_until_alone() {
    const auto deadline = Clock::now() + 10s;
    for (;;) {
      pqxx::nontransaction look(db_.connection());
      const auto others = look.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                    "AND pid <> pg_backend_pid()")[0][0].as<int>();
      look.commit();
      if (others == 0) return;
      ASSERT_LT(Clock::now(), deadline) << "the killed runner's backend did not go away";
      std::this_thread::sleep_for(5ms);
    }
  }
  void reset_database() {
    pqxx::nontransaction work(db_.connection());
    work.exec("DROP SCHEMA IF EXISTS strata CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    work.commit();
  }
};

TEST_F(Processes, EightRunnersAtOnceApplyEveryMigrationExactlyOnce) {
  constexpr int kMigrations = 20, kRunners = 8;
  add(1, "log", "CREATE TABLE applied_log (version int NOT NULL, backend int NOT NULL);\n"
                "INSERT INTO applied_log VALUES (1, pg_backend_pid());\n");
  for (int i = 2; i <= kMigrations; ++i) {
    const std::string n = std::to_string(i);
    if (i == 10) {  // a no-transaction one too: its history row is claimed before it runs
      add(i, "no_tx_" + n, "-- strata:no-transaction\nINSERT INTO applied_log VALUES (" + n + ", pg_backend_pid());\n");
    } else {
      add(i, "m" + n, "CREATE TABLE t" + n + " (id int);\nINSERT INTO applied_log VALUES (" + n + ", pg_backend_pid());\n");
    }
  }
  std::vector<pid_t> pids;
  for (int i = 0; i < kRunners; ++i) pids.push_back(spawn(dir_ / ("runner" + std::to_string(i) + ".log")));
  for (int i = 0; i < kRunners; ++i) {
    const int status = wait_for(pids[static_cast<std::size_t>(i)]);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "runner " << i << ": " << read_file(dir_ / ("runner" + std::to_string(i) + ".log"));
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM applied_log"), std::to_string(kMigrations));
  EXPECT_EQ(scalar("SELECT count(DISTINCT version) FROM applied_log"), std::to_string(kMigrations));
  EXPECT_EQ(scalar("SELECT count(*) FROM strata.migrations WHERE statements_done IS NULL"), std::to_string(kMigrations));
  EXPECT_TRUE(status(url(), files()).current());
  int applied_by_some = 0;
  for (int i = 0; i < kRunners; ++i) {
    if (read_file(dir_ / ("runner" + std::to_string(i) + ".log")).find("applied 0") == std::string::npos) ++applied_by_some;
  }
  EXPECT_GE(applied_by_some, 1);
}

TEST_F(Processes, KilledRunnerLeavesTheDatabaseAtAMigrationBoundary) {
  constexpr int kMigrations = 50, kNoTransaction = 25, kKills = 20;
  for (int i = 1; i <= kMigrations; ++i) {
    const std::string n = std::to_string(i);
    if (i == kNoTransaction) {
      // Statements of a no-transaction migration must be safe to repeat: a kill between a
      // statement and its progress update repeats it on the next run.
      add(i, "no_tx", "-- strata:no-transaction\nCREATE TABLE IF NOT EXISTS nt_a (id int);\n"
                      "CREATE TABLE IF NOT EXISTS nt_b (id int);\n");
    } else {
      add(i, "m" + n, "CREATE TABLE k" + n + " (id int);\nINSERT INTO k" + n + " VALUES (" + n + ");\n");
    }
  }
  const fs::path log = dir_ / "driver.log";

  // How long an uninterrupted run takes, from exec to exit: the range of kill delays.
  const auto calibration_start = Clock::now();
  ASSERT_EQ(wait_for(spawn(log)), 0) << read_file(log);
  const auto full_run_us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - calibration_start).count();
  ASSERT_EQ(history_versions().size(), static_cast<std::size_t>(kMigrations));

  // And a run with nothing to do (start, connect, read the history): most kills should land
  // after that, while migrations run, but some before.
  const auto noop_start = Clock::now();
  ASSERT_EQ(wait_for(spawn(log)), 0) << read_file(log);
  const auto noop_us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - noop_start).count();

  const auto seed = std::random_device{}();
  std::mt19937 random(seed);
  std::uniform_int_distribution<long long> delay_us(noop_us / 2, std::max(full_run_us, noop_us));
  int interrupted_mid_run = 0;
  double reset_ms = 0, killed_run_ms = 0, wait_ms = 0, check_ms = 0, rerun_ms = 0;
  auto lap = [last = Clock::now()](double& total) mutable {
    const auto now = Clock::now();
    total += std::chrono::duration<double, std::milli>(now - last).count();
    last = now;
  };
  for (int kill = 0; kill < kKills; ++kill) {
    SCOPED_TRACE("seed " + std::to_string(seed) + ", kill " + std::to_string(kill));
    lap(check_ms);
    reset_database();
    lap(reset_ms);
    const pid_t pid = spawn(log);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    ::kill(pid, SIGKILL);
    wait_for(pid);
    lap(killed_run_ms);
    wait_until_alone();
    lap(wait_ms);

    // One connection and a few queries: the check must not dominate the test's time.
    pqxx::nontransaction look(db_.connection());
    std::set<std::string> tables;
    for (const auto& row : look.exec("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'")) {
      tables.insert(row[0].c_str());
    }
    std::set<int> complete;
    std::optional<int> partial_done;
    if (look.exec("SELECT to_regclass('strata.migrations') IS NOT NULL")[0][0].as<bool>()) {
      for (const auto& row : look.exec("SELECT version, statements_done FROM strata.migrations")) {
        const int n = std::stoi(std::string(row[0].c_str()).substr(8));
        if (row[1].is_null()) {
          complete.insert(n);
        } else {
          ASSERT_EQ(n, kNoTransaction) << "only the no-transaction migration can be partial";
          partial_done = row[1].as<int>();
        }
      }
    }
    // Migrations apply in order: the complete ones are 1..k.
    const int k = static_cast<int>(complete.size());
    ASSERT_TRUE(complete.empty() || *complete.rbegin() == k) << "history is not a prefix";
    if (partial_done) {
      ASSERT_EQ(k, kNoTransaction - 1);
    }
    if (k > 0 && k < kMigrations) ++interrupted_mid_run;
    std::string counts;
    for (int i = 1; i <= kMigrations; ++i) {
      if (i == kNoTransaction) continue;
      const std::string table = "k" + std::to_string(i);
      const bool exists = tables.count(table) == 1;
      ASSERT_EQ(exists, complete.count(i) == 1) << "table " << table << " vs its history row";
      if (exists) counts += (counts.empty() ? "" : " UNION ALL ") + std::string("SELECT count(*) FROM public.") + table;
    }
    if (!counts.empty()) {
      for (const auto& row : look.exec(counts)) ASSERT_EQ(row[0].as<int>(), 1) << "a migration's insert is missing";
    }
    const bool nt_a = tables.count("nt_a") == 1, nt_b = tables.count("nt_b") == 1;
    if (complete.count(kNoTransaction)) {
      ASSERT_TRUE(nt_a && nt_b);
    } else if (partial_done) {
      // Recorded d statements done: statement d+1 may also have run before the kill.
      ASSERT_TRUE(*partial_done == 0 || *partial_done == 1) << *partial_done;
      if (*partial_done == 1) {
        ASSERT_TRUE(nt_a);
      } else {
        ASSERT_FALSE(nt_b);
      }
    } else {
      ASSERT_FALSE(nt_a || nt_b) << "no-transaction statements ran without a history row";
    }
    look.commit();

    lap(check_ms);
    // The next run completes from wherever the killed one stopped.
    migrate(url(), files(), quick());
    lap(rerun_ms);
    pqxx::nontransaction after(db_.connection());
    ASSERT_EQ(after.exec("SELECT count(*) FROM strata.migrations WHERE statements_done IS NULL")[0][0].as<int>(), kMigrations);
    ASSERT_TRUE(after.exec("SELECT to_regclass('public.k50') IS NOT NULL AND to_regclass('public.nt_b') IS NOT NULL")[0][0].as<bool>());
    after.commit();
  }
  std::printf("no-op run %lld us, full run %lld us; %d of %d kills landed mid-run; ms in reset %.0f, killed runs %.0f, waiting %.0f, "
              "checks %.0f, reruns %.0f\n",
              static_cast<long long>(noop_us), static_cast<long long>(full_run_us), interrupted_mid_run, kKills, reset_ms, killed_run_ms, wait_ms, check_ms,
              rerun_ms);
  EXPECT_GE(interrupted_mid_run, kKills / 4) << "the kills should mostly land while migrations run";
}

}  // namespace
}  // namespace strata::runner
