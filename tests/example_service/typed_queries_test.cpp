// The example application's typed queries (queries/tasks.sql -> app::db::queries) on test
// databases from the pool: a join with an optional filter, an aggregate, a page, :one, :execrows,
// :exec, a stream, and the unprepared mode for poolers.
#include <gtest/gtest.h>

#include <algorithm>
#include <type_traits>

#include "app/db/accounts.h"
#include "app/db/open_tasks.h"
#include "app/db/projects.h"
#include "app/db/queries/tasks.h"
#include "app/db/tasks.h"
#include "strata/accessors/statement_mode.h"
#include "strata/testing/database_test.h"

STRATA_TEST_DATABASE_ENVIRONMENT(std::filesystem::path(STRATA_SOURCE_DIR) / "schema" / "migrations");

namespace {

namespace db = app::db;
namespace queries = app::db::queries;

class TypedQueries : public strata::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    pqxx::work tx(conn());
    owner_ = db::accounts::insert(tx, {.email = "ada@example.com", .display_name = "Ada"}).id;
    project_ = db::projects::insert(tx, {.owner_id = owner_, .name = "Engine"}).id;
    db::projects::insert(tx, {.owner_id = owner_, .name = "Archive"});
    first_ = db::tasks::insert(tx, {.project_id = project_, .assignee_id = owner_, .title = "Design"}).id;
    second_ = db::tasks::insert(tx, {.project_id = project_, .title = "Build", .status = db::task_status::in_progress}).id;
    db::tasks::insert(tx, {.project_id = project_, .title = "Ship", .status = db::task_status::done});
    tx.commit();
  }

  std::int64_t owner_ = 0, project_ = 0, first_ = 0, second_ = 0;
};

TEST_F(TypedQueries, AJoinWithAnOptionalFilter) {
  pqxx::work tx(conn());
  const auto open = queries::open_tasks_of_project(tx, project_, std::nullopt);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, first_);
  EXPECT_EQ(open[0].title, "Design");  // std::string: NOT NULL through the LEFT JOIN's preserved side
  EXPECT_EQ(open[0].assignee, std::optional<std::string>("Ada"));
  EXPECT_EQ(open[1].assignee, std::nullopt);  // std::optional: the nullable side
  const auto in_progress = queries::open_tasks_of_project(tx, project_, db::task_status::in_progress);
  ASSERT_EQ(in_progress.size(), 1u);
  EXPECT_EQ(in_progress[0].id, second_);
  EXPECT_EQ(in_progress[0].status, db::task_status::in_progress);
}

TEST_F(TypedQueries, AnAggregate) {
  pqxx::work tx(conn());
  const auto summaries = queries::project_summaries(tx, owner_);
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].name, "Archive");
  EXPECT_EQ(summaries[0].tasks, 0);                     // count(): std::int64_t
  EXPECT_EQ(summaries[0].last_change, std::nullopt);    // max() of no rows
  EXPECT_EQ(summaries[1].tasks, 3);
  EXPECT_EQ(summaries[1].done, 1);
  EXPECT_TRUE(summaries[1].last_change.has_value());    // a timestamptz, read as the accessors read it
}

TEST_F(TypedQueries, APageAStreamAndOneRow) {
  pqxx::work tx(conn());
  const auto page = queries::tasks_page(tx, project_, 0, 2);
  ASSERT_EQ(page.size(), 2u);
  const auto next = queries::tasks_page(tx, project_, page.back().id, 2);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].title, "Ship");

  std::vector<std::string> titles;
  for (const auto& row : queries::open_tasks_of_project_stream(tx, project_, std::nullopt, 1)) titles.push_back(row.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"Design", "Build"}));

  const auto found = queries::task_by_title(tx, project_, "Build");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, second_);
  EXPECT_EQ(found->estimate, std::nullopt);
  EXPECT_TRUE(found->tags.empty());
  EXPECT_FALSE(queries::task_by_title(tx, project_, "Nothing").has_value());
}

TEST_F(TypedQueries, StatementsThatChangeRows) {
  {
    pqxx::work tx(conn());
    EXPECT_EQ(queries::rename_task(tx, "Draft", first_), 1);
    EXPECT_EQ(queries::rename_task(tx, "Draft", -1), 0);
    queries::delete_done_tasks(tx, project_);
    tx.commit();
  }
  // A connection instead of a transaction: the statement runs on its own (autocommit).
  EXPECT_EQ(queries::tasks_page(conn(), project_, 0, 10).size(), 2u);
  EXPECT_EQ(queries::task_by_title(conn(), project_, "Draft")->id, first_);
}

TEST_F(TypedQueries, ADataModifyingWithListKeepsItsRowsAndTimes) {
  pqxx::work tx(conn());
  const auto before = db::tasks::list_by_project_id(tx, project_);
  const auto gone = queries::archive_done_tasks(tx, project_);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].title, "Ship");
  const auto shipped = std::find_if(before.begin(), before.end(), [](const auto& row) { return row.title == "Ship"; });
  ASSERT_NE(shipped, before.end());
  EXPECT_EQ(gone[0].updated_at, shipped->updated_at);  // NOT NULL through the CTE: a plain time point
  EXPECT_EQ(db::tasks::list_by_project_id(tx, project_).size(), 2u);
}

TEST_F(TypedQueries, UnpreparedModeForPoolers) {
  pqxx::work tx(conn());
  const auto prepared = [&] { return tx.exec1("SELECT count(*) FROM pg_prepared_statements")[0].as<int>(); };
  const auto before = prepared();  // SetUp's inserts
  strata::accessors::set_statement_mode(strata::accessors::StatementMode::unprepared);
  const auto open = queries::open_tasks_of_project(tx, project_, std::nullopt);
  strata::accessors::set_statement_mode(strata::accessors::StatementMode::prepared);
  EXPECT_EQ(open.size(), 2u);
  EXPECT_EQ(prepared(), before);
  queries::open_tasks_of_project(tx, project_, std::nullopt);
  queries::open_tasks_of_project(tx, project_, db::task_status::open);
  EXPECT_EQ(prepared(), before + 1);  // prepared once per connection
}

// View columns get the same inference: open_tasks joins projects and LEFT JOINs accounts.
static_assert(std::is_same_v<decltype(db::open_tasks::Row::title), std::string>);
static_assert(std::is_same_v<decltype(db::open_tasks::Row::project), std::string>);
static_assert(std::is_same_v<decltype(db::open_tasks::Row::assignee), std::optional<std::string>>);

TEST_F(TypedQueries, ViewColumnsProvenNotNullAreReadAsSuch) {
  pqxx::work tx(conn());
  const auto open = db::open_tasks::list_all(tx);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].project, "Engine");
  EXPECT_EQ(open[0].assignee, std::optional<std::string>("Ada"));
  EXPECT_EQ(open[1].assignee, std::nullopt);
}

}  // namespace
