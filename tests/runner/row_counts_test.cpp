// Row counts before and after: vanished rows are an error unless a migration says it is
// destructive; renames are not losses.
#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

class RowCountsTest : public RunnerTest {
 protected:
  void SetUp() override {
    RunnerTest::SetUp();
    add(1, "create_t", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2), (3);\n");
    migrate(url(), files(), quick());
  }
  std::string run_error() {
    try {
      migrate(url(), files(), quick());
    } catch (const RunnerError& error) {
      return error.what();
    }
    return "";
  }
};

TEST_F(RowCountsTest, DeletingRowsWithoutTheDestructivePragmaIsAnError) {
  add(2, "trim_t", "DELETE FROM t WHERE id > 1;\n");
  const std::string error = run_error();
  EXPECT_NE(error.find("applied, but rows vanished"), std::string::npos) << error;
  EXPECT_NE(error.find("public.t: 3 -> 1 rows"), std::string::npos) << error;
  EXPECT_EQ(history_versions().size(), 2u);  // applied (the error says so), not undone
}

TEST_F(RowCountsTest, DestructivePragmaAllowsIt) {
  add(2, "trim_t", "-- strata:destructive\nDELETE FROM t WHERE id > 1;\n");
  const auto report = migrate(url(), files(), quick());
  EXPECT_EQ(report.applied.size(), 1u);
  EXPECT_EQ(report.rows_before.at("public.t"), 3);
  EXPECT_EQ(report.rows_after.at("public.t"), 1);
}

TEST_F(RowCountsTest, DroppedTableIsVanishedAndARenamedOneIsNot) {
  add(2, "rename_t", "ALTER TABLE t RENAME TO t_renamed;\n");
  EXPECT_EQ(run_error(), "");
  add(3, "drop_t", "DROP TABLE t_renamed;\n");
  const std::string error = run_error();
  EXPECT_NE(error.find("public.t_renamed: 3 rows -> table gone"), std::string::npos) << error;
}

TEST_F(RowCountsTest, DroppingEmptyTablesLosesNoRows) {
  add(2, "empty_tables", "CREATE TABLE e1 (id int);\nCREATE TABLE e2 (id int);\n");
  EXPECT_EQ(run_error(), "");
  add(3, "drop_empty", "DROP TABLE e1;\nDROP TABLE e2;\n");
  EXPECT_EQ(run_error(), "") << "empty tables dropped: nothing vanished";
  EXPECT_EQ(history_versions().size(), 3u);
}

TEST_F(RowCountsTest, CheckCanBeTurnedOff) {
  add(2, "trim_t", "DELETE FROM t;\n");
  auto options = quick();
  options.check_row_counts = false;
  const auto report = migrate(url(), files(), options);
  EXPECT_EQ(report.applied.size(), 1u);
  EXPECT_TRUE(report.rows_before.empty());
}

TEST_F(RowCountsTest, CountRowsCoversOrdinaryTablesAndPartitionedRoots) {
  strata::testing::exec(url(),
                        "CREATE SCHEMA \"Odd Schema\"; CREATE TABLE \"Odd Schema\".\"Mixed Case\" (id int);"
                        "INSERT INTO \"Odd Schema\".\"Mixed Case\" VALUES (1);"
                        "CREATE TABLE public.parted (id int) PARTITION BY RANGE (id);"
                        "CREATE TABLE public.parted_1 PARTITION OF public.parted FOR VALUES FROM (0) TO (100);"
                        "INSERT INTO public.parted VALUES (1), (2); CREATE VIEW public.v AS SELECT 1;"
                        "CREATE TEMPORARY TABLE temp_t (id int)");
  const auto counts = count_rows(url());
  EXPECT_EQ(counts, (RowCounts{{"\"Odd Schema\".\"Mixed Case\"", 1}, {"public.parted", 2}, {"public.t", 3}}));
}

TEST_F(RowCountsTest, TableLockedByAnotherSessionIsNotCountedAndDoesNotBlock) {
  // (Qualified: the test cluster's role is named strata, so "$user" is the history schema.)
  strata::testing::exec(url(), "CREATE TABLE public.other (id int); INSERT INTO public.other VALUES (1)");
  pqxx::connection holder(url());
  pqxx::work locked(holder);
  locked.exec("LOCK TABLE public.other IN ACCESS EXCLUSIVE MODE");
  add(2, "more_t", "INSERT INTO t VALUES (4);\n");
  const auto report = migrate(url(), files(), quick());
  EXPECT_EQ(report.applied.size(), 1u);
  EXPECT_EQ(report.rows_before.count("public.other"), 0u);  // not counted, so not checked
  EXPECT_EQ(report.rows_after.at("public.t"), 4);
  EXPECT_EQ(count_rows(url()).count("public.other"), 0u);
  locked.commit();
  EXPECT_EQ(count_rows(url()).at("public.other"), 1);
}

TEST(VanishedRows, ListsTablesThatLostRowsOrDisappeared) {
  const RowCounts before = {{"public.a", 5}, {"public.b", 2}, {"public.c", 7}, {"public.d", 0}, {"public.z", 0}};
  const RowCounts after = {{"public.a", 5}, {"public.b", 1}, {"public.d", 3}, {"public.e", 1}};
  EXPECT_EQ(vanished_rows(before, after),
            (std::vector<std::string>{"public.b: 2 -> 1 rows", "public.c: 7 rows -> table gone"}));
  EXPECT_TRUE(vanished_rows(after, after).empty());
}

}  // namespace
}  // namespace strata::runner
