// Lock timeouts with retries and the blocker named; the session lock's bounded wait; the
// transaction lock and history re-check that keep exactly-once where the session lock cannot.
#include <libpq-fe.h>

#include <future>
#include <thread>

#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

constexpr const char* kSessionLockKey = "8319400174550056961";      // docs/runner.md
constexpr const char* kTransactionLockKey = "8319400174550056962";

// Another session: its own connection, statements run one by one, left open until closed.
class OtherSession {
 public:
  OtherSession(const std::string& connection, const std::string& application_name)
      : conn_(PQconnectdb(connection.c_str())) {
    EXPECT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
    run("SET application_name = '" + application_name + "'");
  }
  ~OtherSession() { PQfinish(conn_); }
  OtherSession(const OtherSession&) = delete;
  OtherSession& operator=(const OtherSession&) = delete;
  void run(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    EXPECT_TRUE(PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK)
        << sql << ": " << PQerrorMessage(conn_);
    PQclear(result);
  }

 private:
  PGconn* conn_;
};

class Locks : public RunnerTest {
 protected:
  RunOptions blocked_options(EventLog& log) const {
    auto options = quick();
    options.timeouts.lock_timeout = 200ms;
    options.timeouts.lock_retries = 2;
    options.timeouts.retry_backoff = 50ms;
    options.on_event = log.recorder();
    return options;
  }
  bool column_exists(const std::string& table, const std::string& column) const {
    return scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = '" + table +
                  "' AND column_name = '" + column + "'") == "1";
  }
};

TEST_F(Locks, LockTimeoutIsRetriedThenFailsNamingTheBlocker) {
  add(1, "create_t", "CREATE TABLE t (id int);\n");
  migrate(url(), files(), quick());
  OtherSession blocker(url(), "blocker_session");
  blocker.run("BEGIN");
  blocker.run("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  const auto blocked = add(2, "alter_t", "ALTER TABLE t ADD COLUMN x int;\n");
  EventLog log;

  try {
    migrate(url(), files(), blocked_options(log));
    FAIL() << "the migration must time out";
  } catch (const LockTimeoutError& error) {
    std::printf("%s\n", error.what());
    EXPECT_NE(error.blocker().find("blocker_session"), std::string::npos) << error.blocker();
    EXPECT_NE(error.blocker().find("LOCK TABLE t"), std::string::npos) << error.blocker();
    EXPECT_NE(std::string(error.what()).find("blocker_session"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(blocked.string() + ":1:1"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("3 attempts"), std::string::npos) << error.what();
  }
  const auto retries = log.of(Event::Kind::LockRetry);
  ASSERT_EQ(retries.size(), 2u);
  EXPECT_EQ(retries[0].attempt, 1);
  EXPECT_EQ(retries[1].attempt, 2);
  EXPECT_EQ(retries[0].migration, version(2) + "_alter_t");
  EXPECT_NE(retries[0].message.find("blocker_session"), std::string::npos) << retries[0].message;
  blocker.run("COMMIT");
  EXPECT_EQ(history_versions(), std::vector<std::string>{version(1)});
  EXPECT_FALSE(column_exists("t", "x"));
}

TEST_F(Locks, BlockerThatCommitsDuringTheRetriesLetsTheRunSucceed) {
  add(1, "create_t", "CREATE TABLE t (id int);\n");
  migrate(url(), files(), quick());
  add(2, "alter_t", "ALTER TABLE t ADD COLUMN x int;\n");
  // The same for a no-transaction statement, retried on its own.
  add(3, "alter_t_online", "-- strata:no-transaction\nALTER TABLE t ADD COLUMN y int;\n");
  OtherSession blocker(url(), "blocker_session");
  const auto lock = [&blocker] {
    blocker.run("BEGIN");
    blocker.run("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  };
  lock();
  // The blocker lets go when the runner announces its first retry (no timing guesses), and
  // takes the lock again after 2 is done, for 3.
  EventLog log;
  auto options = blocked_options(log);
  options.timeouts.lock_retries = 5;
  bool locked = true;
  options.on_event = [&](const Event& event) {
    log.events.push_back(event);
    if (event.kind == Event::Kind::LockRetry && locked) {
      blocker.run("COMMIT");
      locked = false;
    } else if (event.kind == Event::Kind::MigrationDone && event.migration == version(2) + "_alter_t") {
      lock();
      locked = true;
    }
  };

  const auto report = migrate(url(), files(), options);

  ASSERT_EQ(report.applied.size(), 2u);
  EXPECT_EQ(report.applied[0].lock_retries, 1);
  EXPECT_EQ(report.applied[1].lock_retries, 1);
  const auto retries = log.of(Event::Kind::LockRetry);
  ASSERT_EQ(retries.size(), 2u);
  EXPECT_EQ(retries[1].migration, version(3) + "_alter_t_online");
  EXPECT_NE(retries[1].message.find("blocker_session"), std::string::npos) << retries[1].message;
  EXPECT_TRUE(column_exists("t", "x"));
  EXPECT_TRUE(column_exists("t", "y"));
  EXPECT_TRUE(status(url(), files()).current());
}

// A deadlock between a migration and the application: PostgreSQL cancels one of them. When it
// is the migration (whose session checks first: the other waits with a long deadlock_timeout),
// the runner retries it like a lock timeout, and the second attempt goes through.
TEST_F(Locks, DeadlockVictimIsRetried) {
  add(1, "create_tables", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
  migrate(url(), files(), quick());
  add(2, "lock_a_then_b",
      "LOCK TABLE a IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(0.3);\nLOCK TABLE b IN ACCESS EXCLUSIVE MODE;\n"
      "ALTER TABLE b ADD COLUMN x int;\n");
  std::promise<void> holds_b;
  std::thread application([&] {
    OtherSession session(url(), "deadlock_peer");
    session.run("BEGIN");
    session.run("SET LOCAL deadlock_timeout = '20s'");  // the migration's session detects the cycle
    session.run("LOCK TABLE b IN ACCESS EXCLUSIVE MODE");
    holds_b.set_value();
    // Once the migration holds a: ask for a too (waits; the migration then waits for b).
    // Bounded: a migration that fails before it locks a must end the test, not hang it.
    const auto give_up = std::chrono::steady_clock::now() + 20s;
    bool migration_holds_a = false;
    while (!migration_holds_a && std::chrono::steady_clock::now() < give_up) {
      migration_holds_a = scalar("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE "
                                 "c.relname = 'a' AND l.mode = 'AccessExclusiveLock' AND l.granted") == "1";
      if (!migration_holds_a) std::this_thread::sleep_for(5ms);
    }
    EXPECT_TRUE(migration_holds_a) << "the migration never locked table a";
    if (migration_holds_a) session.run("LOCK TABLE a IN ACCESS EXCLUSIVE MODE");  // granted once it is cancelled
    session.run("COMMIT");
  });
  holds_b.get_future().wait();
  EventLog log;
  auto options = quick();
  options.timeouts.lock_timeout = 10s;  // longer than the server's deadlock_timeout (1 s)
  options.timeouts.retry_backoff = 50ms;
  options.on_event = log.recorder();
  std::optional<RunReport> report;
  try {
    report = migrate(url(), files(), options);
  } catch (const std::exception& error) {
    ADD_FAILURE() << error.what();
  }
  application.join();
  ASSERT_TRUE(report);
  ASSERT_EQ(report->applied.size(), 1u);
  EXPECT_EQ(report->applied[0].lock_retries, 1);
  const auto retries = log.of(Event::Kind::LockRetry);
  ASSERT_EQ(retries.size(), 1u);
  EXPECT_NE(retries[0].message.find("deadlock"), std::string::npos) << retries[0].message;
  EXPECT_NE(retries[0].message.find(":3:1"), std::string::npos) << retries[0].message;  // LOCK TABLE b
  EXPECT_TRUE(column_exists("b", "x"));
}

TEST_F(Locks, WaitForTheSessionLockIsBoundedAndNamesTheHolder) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  OtherSession holder(url(), "other_runner");
  holder.run(std::string("SELECT pg_advisory_lock(") + kSessionLockKey + ")");
  EventLog log;
  auto options = quick();
  options.lock_wait = 300ms;
  options.lock_poll = 50ms;
  options.on_event = log.recorder();
  const auto started = std::chrono::steady_clock::now();
  try {
    migrate(url(), files(), options);
    FAIL() << "the lock is held";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find("other_runner"), std::string::npos) << error.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  const auto waiting = log.of(Event::Kind::WaitingForLock);
  ASSERT_FALSE(waiting.empty());
  EXPECT_NE(waiting[0].message.find("other_runner"), std::string::npos) << waiting[0].message;
  EXPECT_FALSE(table_exists("a"));
  EXPECT_FALSE(history_exists());
}

TEST_F(Locks, RunnerThatWaitedRereadsTheHistoryAndFindsEverythingApplied) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  add(2, "b", "CREATE TABLE b (id int);\n");
  auto first = quick();
  first.to_version = version(1);
  migrate(url(), files(), first);

  // Another "runner" holds the lock, and records 2 as applied before letting go, once this
  // runner has planned 2 and is waiting.
  OtherSession holder(url(), "other_runner");
  holder.run(std::string("SELECT pg_advisory_lock(") + kSessionLockKey + ")");
  EventLog log;
  std::promise<void> waiting;
  bool announced = false;
  auto options = quick();
  options.on_event = [&](const Event& event) {
    log.events.push_back(event);
    if (event.kind == Event::Kind::WaitingForLock && !announced) {
      announced = true;
      waiting.set_value();
    }
  };
  auto run = std::async(std::launch::async, [&] { return migrate(url(), files(), options); });
  ASSERT_EQ(waiting.get_future().wait_for(10s), std::future_status::ready);
  const auto migrations = files();
  holder.run("INSERT INTO strata.migrations (version, name, checksum, strata_version) VALUES ('" + version(2) + "', '" +
             migrations[1].name() + "', '" + checksum(migrations[1]) + "', 'other')");
  holder.run(std::string("SELECT pg_advisory_unlock(") + kSessionLockKey + ")");
  const auto report = run.get();

  EXPECT_TRUE(report.waited_for_lock);
  EXPECT_TRUE(report.already_current);
  EXPECT_TRUE(report.applied.empty());
  EXPECT_FALSE(log.of(Event::Kind::WaitingForLock).empty());
  EXPECT_FALSE(table_exists("b"));  // it was not run again
}

TEST_F(Locks, TransactionLockAndRecheckSkipAMigrationAnotherRunnerJustApplied) {
  // Behind PgBouncer in transaction mode two runners can both "hold" the session lock; the
  // transaction lock and the re-check inside each migration transaction keep exactly-once.
  add(1, "a", "CREATE TABLE a (id int);\n");
  add(2, "b", "CREATE TABLE b (id int);\n");
  add(3, "c", "CREATE TABLE c (id int);\n");
  auto first = quick();
  first.to_version = version(1);
  migrate(url(), files(), first);

  // A stricter default isolation must not hide the other runner's row from the re-check.
  strata::testing::exec(url(), "ALTER DATABASE " + db_.name() + " SET default_transaction_isolation = 'repeatable read'");
  const auto migrations = files();
  OtherSession other(url(), "other_runner");
  other.run("BEGIN");
  other.run(std::string("SELECT pg_advisory_xact_lock(") + kTransactionLockKey + ")");
  other.run("INSERT INTO strata.migrations (version, name, checksum, strata_version) VALUES ('" + version(2) + "', '" +
            migrations[1].name() + "', '" + checksum(migrations[1]) + "', 'other')");
  EventLog log;
  auto options = quick();
  options.on_event = log.recorder();
  auto run = std::async(std::launch::async, [&] { return migrate(url(), files(), options); });
  // The runner plans 2 (the row is not committed yet) and waits for the transaction lock.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = " +
                std::to_string(8319400174550056962ULL & 0xffffffffULL)) != "1") {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the runner never waited for the transaction lock";
    std::this_thread::sleep_for(5ms);
  }
  other.run("COMMIT");
  const auto report = run.get();

  ASSERT_EQ(report.applied.size(), 1u);
  EXPECT_EQ(report.applied[0].version, version(3));
  EXPECT_FALSE(table_exists("b"));
  bool skipped = false;
  for (const auto& event : log.of(Event::Kind::AlreadyCurrent)) skipped = skipped || event.migration == migrations[1].name();
  EXPECT_TRUE(skipped);
  EXPECT_EQ(log.of(Event::Kind::MigrationStarted).size(), 2u);  // 2 was started, then found applied
}

}  // namespace
}  // namespace strata::runner
