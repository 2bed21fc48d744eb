// migrate and status against a real database: history rows, states, to_version, reruns,
// out-of-order migrations, and the per-migration overhead.
#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

class Migrate : public RunnerTest {};

TEST_F(Migrate, AppliesPendingMigrationsAndRecordsThemInTheHistory) {
  add(1, "create_users", "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
  add(2, "seed_users", "INSERT INTO users VALUES (1, 'ada');\nINSERT INTO users VALUES (2, 'bob');\n");
  add(3, "add_users_email", "ALTER TABLE users ADD COLUMN email text;\n");
  EventLog log;
  auto options = quick();
  options.strata_version = "1.2.3";
  options.on_event = log.recorder();

  const auto report = migrate(url(), files(), options);

  ASSERT_EQ(report.applied.size(), 3u);
  EXPECT_EQ(report.applied[0].name, version(1) + "_create_users");
  EXPECT_EQ(report.applied[2].version, version(3));
  EXPECT_FALSE(report.already_current);
  EXPECT_FALSE(report.applied[0].out_of_order);
  EXPECT_EQ(scalar("SELECT count(*) FROM users WHERE email IS NULL"), "2");
  // The test cluster's role is named strata, so "$user" in search_path names the history
  // schema: the runner leaves it out, and unqualified objects still go to public.
  EXPECT_TRUE(table_exists("public.users"));
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_class WHERE relnamespace = 'strata'::regnamespace"), "2");  // table + pkey

  const auto history = read_history(url());
  ASSERT_EQ(history.size(), 3u);
  const auto migrations = files();
  for (std::size_t i = 0; i < history.size(); ++i) {
    EXPECT_EQ(history[i].version, migrations[i].version);
    EXPECT_EQ(history[i].name, migrations[i].name());
    EXPECT_EQ(history[i].checksum, migrations::sha256_hex(migrations[i].up.sql));
    EXPECT_EQ(history[i].checksum, checksum(migrations[i]));
    EXPECT_EQ(history[i].strata_version, "1.2.3");
    EXPECT_FALSE(history[i].statements_done.has_value());
    EXPECT_FALSE(history[i].baselined);
    EXPECT_EQ(history[i].applied_by.rfind("strata@", 0), 0u) << history[i].applied_by;  // current_user@host
    EXPECT_GE(history[i].execution_ms, 0);
    EXPECT_EQ(history[i].applied_at.size(), 20u) << history[i].applied_at;  // 2026-01-01T00:00:00Z
    EXPECT_EQ(history[i].applied_at.back(), 'Z');
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM strata.migrations WHERE statements_done IS NOT NULL OR baselined"), "0");

  ASSERT_EQ(log.of(Event::Kind::MigrationStarted).size(), 3u);
  const auto done = log.of(Event::Kind::MigrationDone);
  ASSERT_EQ(done.size(), 3u);
  EXPECT_EQ(done[1].migration, version(2) + "_seed_users");
  EXPECT_GT(done[1].elapsed_ms, 0.0);
  EXPECT_EQ(log.of(Event::Kind::LockAcquired).size(), 1u);
  // Row counts were taken around the run.
  EXPECT_EQ(report.rows_before.count("public.users"), 0u);
  EXPECT_EQ(report.rows_after.at("public.users"), 2);
}

TEST_F(Migrate, RerunDoesNothing) {
  add(1, "create_users", "CREATE TABLE users (id int);\n");
  migrate(url(), files(), quick());
  const std::string applied_at = scalar("SELECT applied_at::text FROM strata.migrations");
  EventLog log;
  auto options = quick();
  options.on_event = log.recorder();

  const auto report = migrate(url(), files(), options);

  EXPECT_TRUE(report.already_current);
  EXPECT_TRUE(report.applied.empty());
  EXPECT_EQ(log.of(Event::Kind::AlreadyCurrent).size(), 1u);
  EXPECT_TRUE(log.of(Event::Kind::LockAcquired).empty());  // nothing pending: no lock, no writes
  EXPECT_EQ(scalar("SELECT applied_at::text FROM strata.migrations"), applied_at);
  EXPECT_EQ(scalar("SELECT count(*) FROM strata.migrations"), "1");
}

TEST_F(Migrate, ToVersionStopsThere) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  add(2, "b", "CREATE TABLE b (id int);\n");
  add(3, "c", "CREATE TABLE c (id int);\n");
  auto options = quick();
  options.to_version = version(2);
  EXPECT_EQ(migrate(url(), files(), options).applied.size(), 2u);
  EXPECT_TRUE(table_exists("b"));
  EXPECT_FALSE(table_exists("c"));
  EXPECT_EQ(history_versions(), (std::vector<std::string>{version(1), version(2)}));

  options.to_version = version(9);
  EXPECT_THROW(migrate(url(), files(), options), RunnerError);  // no such migration

  const auto rest = migrate(url(), files(), quick());
  ASSERT_EQ(rest.applied.size(), 1u);
  EXPECT_EQ(rest.applied[0].version, version(3));
}

TEST_F(Migrate, StatusReportsEveryState) {
  {
    const auto fresh = status(url(), {});
    EXPECT_FALSE(fresh.history_table_exists);
    EXPECT_TRUE(fresh.migrations.empty());
  }
  add(1, "applied", "CREATE TABLE a (id int);\n");
  add(2, "edited", "CREATE TABLE b (id int);\n");
  const auto gone = add(3, "missing", "CREATE TABLE c (id int);\n");
  add(4, "partial", "-- strata:no-transaction\nCREATE TABLE d (id int);\nSELECT 1 / 0;\n");
  EXPECT_THROW(migrate(url(), files(), quick()), sql::SqlError);  // stops in 4's second statement
  add(2, "edited", "CREATE TABLE b (id bigint);\n");
  std::filesystem::remove(gone);
  add(5, "pending", "CREATE TABLE e (id int);\n");

  const auto report = status(url(), files(), {"strata.sum: edited"});

  EXPECT_TRUE(report.history_table_exists);
  ASSERT_EQ(report.migrations.size(), 5u);
  const std::vector<State> states = {State::Applied, State::Edited, State::Missing, State::Partial, State::Pending};
  for (std::size_t i = 0; i < states.size(); ++i) {
    EXPECT_EQ(to_string(report.migrations[i].state), to_string(states[i])) << report.migrations[i].name;
    EXPECT_EQ(report.migrations[i].version, version(static_cast<int>(i) + 1));
  }
  EXPECT_EQ(report.migrations[2].name, version(3) + "_missing");  // from the history: its file is gone
  ASSERT_TRUE(report.migrations[3].history.has_value());
  EXPECT_EQ(report.migrations[3].history->statements_done, 1);
  EXPECT_EQ(report.migrations[3].statements, 2);
  EXPECT_FALSE(report.migrations[4].history.has_value());
  EXPECT_FALSE(report.migrations[4].out_of_order);  // newer than everything applied
  ASSERT_EQ(report.pending().size(), 1u);
  EXPECT_EQ(report.pending()[0]->version, version(5));
  EXPECT_EQ(report.integrity_problems, std::vector<std::string>{"strata.sum: edited"});
  EXPECT_FALSE(report.current());
  EXPECT_EQ(to_string(State::Partial), "partial");
}

TEST_F(Migrate, StatusIsCurrentOnlyWhenEverythingIsApplied) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  EXPECT_FALSE(status(url(), files()).current());
  EXPECT_FALSE(history_exists());  // status never creates the history table
  migrate(url(), files(), quick());
  EXPECT_TRUE(status(url(), files()).current());
  EXPECT_FALSE(status(url(), files(), {"strata.sum: missing"}).current());
}

TEST_F(Migrate, MergedOlderMigrationIsAppliedAndFlaggedOutOfOrder) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  add(3, "c", "CREATE TABLE c (id int);\n");
  migrate(url(), files(), quick());
  add(2, "b_from_a_branch", "CREATE TABLE b (id int);\n");

  const auto before = status(url(), files());
  ASSERT_EQ(before.pending().size(), 1u);
  EXPECT_TRUE(before.pending()[0]->out_of_order);

  EventLog log;
  auto options = quick();
  options.on_event = log.recorder();
  const auto report = migrate(url(), files(), options);
  ASSERT_EQ(report.applied.size(), 1u);
  EXPECT_EQ(report.applied[0].version, version(2));
  EXPECT_TRUE(report.applied[0].out_of_order);
  const auto flagged = log.of(Event::Kind::OutOfOrder);
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].migration, version(2) + "_b_from_a_branch");
  EXPECT_TRUE(table_exists("b"));
  EXPECT_TRUE(status(url(), files()).current());
}

TEST_F(Migrate, SavepointsInsideAMigrationAreFine) {
  add(1, "savepoints",
      "CREATE TABLE s (id int);\nSAVEPOINT before_insert;\nINSERT INTO s VALUES (1);\n"
      "ROLLBACK TO SAVEPOINT before_insert;\nINSERT INTO s VALUES (2);\nRELEASE SAVEPOINT before_insert;\n");
  migrate(url(), files(), quick());
  EXPECT_EQ(scalar("SELECT string_agg(id::text, ',') FROM s"), "2");
}

TEST_F(Migrate, EveryMigrationStartsWithTheSessionsInitialSettings) {
  // As if each file ran in its own psql (the way `strata generate` proves them): a SET in one
  // migration does not leak into the next.
  add(1, "set_in_transaction", "SET check_function_bodies = off;\n");
  add(2, "set_outside", "-- strata:no-transaction\nSET DateStyle = 'SQL, DMY';\n");
  add(3, "look", "CREATE TABLE public.seen AS SELECT current_setting('check_function_bodies') AS cfb, "
                 "current_setting('DateStyle') AS ds;\n");
  migrate(url(), files(), quick());
  EXPECT_EQ(scalar("SELECT cfb FROM public.seen"), "on");
  EXPECT_EQ(scalar("SELECT ds FROM public.seen"), scalar("SHOW DateStyle"));
}

TEST_F(Migrate, PerMigrationOverheadIsSmall) {
  constexpr int kCount = 100;
  for (int i = 1; i <= kCount; ++i) add(i, "m" + std::to_string(i), "SELECT " + std::to_string(i) + ";\n");
  auto options = quick();
  options.check_row_counts = false;
  const auto report = migrate(url(), files(), options);
  ASSERT_EQ(report.applied.size(), static_cast<std::size_t>(kCount));
  const double per_migration = report.total_ms / kCount;
  std::printf("%d trivial migrations in %.1f ms: %.2f ms each\n", kCount, report.total_ms, per_migration);
  // The target is < 2 ms on a local socket; the bound leaves room for a loaded 2-core machine.
  EXPECT_LT(per_migration, 10.0);
}

}  // namespace
}  // namespace strata::runner
