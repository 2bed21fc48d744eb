// repair (re-record edited checksums, forget missing files) and record_baseline.
#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

class RepairBaseline : public RunnerTest {};

TEST_F(RepairBaseline, RepairReRecordsTheChecksumOfADeliberateEdit) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  add(2, "b", "CREATE TABLE b (id int);\n");
  migrate(url(), files(), quick());
  EXPECT_TRUE(repair(url(), files()).empty());  // nothing to repair
  add(2, "b", "-- a comment added after the fact\nCREATE TABLE b (id int);\n");
  EXPECT_THROW(migrate(url(), files(), quick()), RunnerError);

  const auto changes = repair(url(), files());
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_NE(changes[0].find(version(2) + "_b"), std::string::npos) << changes[0];
  EXPECT_EQ(scalar("SELECT checksum FROM strata.migrations WHERE version = '" + version(2) + "'"), checksum(files()[1]));
  EXPECT_TRUE(status(url(), files()).current());
  EXPECT_TRUE(migrate(url(), files(), quick()).already_current);
}

TEST_F(RepairBaseline, RepairForgetsMissingMigrationsOnlyWhenAsked) {
  const auto gone = add(1, "a", "CREATE TABLE a (id int);\n");
  add(2, "b", "CREATE TABLE b (id int);\n");
  migrate(url(), files(), quick());
  std::filesystem::remove(gone);
  EXPECT_TRUE(repair(url(), files()).empty());
  EXPECT_EQ(status(url(), files()).migrations[0].state, State::Missing);

  const auto changes = repair(url(), files(), true);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_NE(changes[0].find(version(1) + "_a: forgotten"), std::string::npos) << changes[0];
  EXPECT_EQ(history_versions(), std::vector<std::string>{version(2)});
  EXPECT_TRUE(status(url(), files()).current());
}

TEST_F(RepairBaseline, RepairWithoutHistoryDoesNothing) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  EXPECT_TRUE(repair(url(), files(), true).empty());
  EXPECT_FALSE(history_exists());
}

TEST_F(RepairBaseline, BaselineRecordsMigrationsUpToTheVersionWithoutRunningThem) {
  // A database built before strata managed it: its schema already has what 1 and 2 create.
  strata::testing::exec(url(), "CREATE TABLE a (id int); CREATE TABLE b (id int)");
  add(1, "a", "CREATE TABLE a (id int);\n");
  add(2, "b", "CREATE TABLE b (id int);\n");
  add(3, "c", "CREATE TABLE c (id int);\n");

  const auto lines = record_baseline(url(), files(), version(2), "7.7.7");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find(version(2) + "_b"), std::string::npos) << lines[1];
  const auto history = read_history(url());
  ASSERT_EQ(history.size(), 2u);
  EXPECT_TRUE(history[0].baselined && history[1].baselined);
  EXPECT_EQ(history[1].checksum, checksum(files()[1]));
  EXPECT_EQ(history[1].strata_version, "7.7.7");
  EXPECT_EQ(history[1].execution_ms, 0);

  const auto report = migrate(url(), files(), quick());
  ASSERT_EQ(report.applied.size(), 1u);
  EXPECT_EQ(report.applied[0].version, version(3));
}

TEST_F(RepairBaseline, BaselineIsRefusedForAnUnknownVersionOrANonEmptyHistory) {
  add(1, "a", "CREATE TABLE a (id int);\n");
  add(2, "b", "CREATE TABLE b (id int);\n");
  EXPECT_THROW(record_baseline(url(), files(), version(7), "x"), RunnerError);
  EXPECT_FALSE(history_exists());
  auto options = quick();
  options.to_version = version(1);
  migrate(url(), files(), options);
  try {
    record_baseline(url(), files(), version(2), "x");
    FAIL() << "the history is not empty";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find("already has 1 row"), std::string::npos) << error.what();
  }
  EXPECT_EQ(history_versions(), std::vector<std::string>{version(1)});
}

}  // namespace
}  // namespace strata::runner
