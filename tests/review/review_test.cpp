// `strata review`: a pull request's migrations against the base branch's, as text, JSON and the
// Markdown comment ci.yml posts.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "run_strata.h"
#include "strata/error.h"
#include "strata/migration_integrity.h"
#include "strata/migrations.h"
#include "strata/review.h"

namespace strata::review {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Review : public ::testing::Test {
 protected:
  void SetUp() override {
    write(base_, "20260101000000_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text, legacy text);\n");
    write(change_, "20260101000000_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text, legacy text);\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  static void write(const fs::path& dir, const std::string& name, const std::string& sql) {
    fs::create_directories(dir);
    std::ofstream(dir / name) << sql;
  }
  Options options() const {
    Options options;
    options.migrations = change_;
    options.base = base_;
    return options;
  }

  fs::path root_ = fs::temp_directory_path() / ("strata-review-" + std::to_string(::getpid()) + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::path base_ = root_ / "base";
  fs::path change_ = root_ / "change";
};

TEST_F(Review, NothingChangedSaysSo) {
  const auto result = review(options());
  EXPECT_TRUE(result.changes.empty());
  EXPECT_FALSE(result.failed());
  EXPECT_EQ(format_markdown(result), std::string(kMarker) + "\n### strata: what this change to the schema will do\n\n"
                                                          "No migration added, edited or removed.\n");
}

TEST_F(Review, AddedMigrationsWithTheirPlanLintAndDestructiveSteps) {
  write(change_, "20260102000000_drop_legacy.sql",
        "-- strata:destructive\nALTER TABLE users DROP COLUMN legacy;\nALTER TABLE users ADD COLUMN email text;\n");
  write(change_, "20260102000000_drop_legacy.down.sql", "ALTER TABLE users ADD COLUMN legacy text;\n");
  write(change_, "20260103000000_index_online.sql", "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY users_name ON users (name);\n");
  write(change_, "20260104000000_index_blocking.sql", "CREATE INDEX users_email ON users (email);\n");
  const auto result = review(options());
  ASSERT_EQ(result.changes.size(), 3u);
  EXPECT_EQ(result.changes[0].name, "20260102000000_drop_legacy");
  EXPECT_EQ(result.changes[0].statements, 2);
  EXPECT_TRUE(result.changes[0].destructive);
  EXPECT_TRUE(result.changes[0].has_down);
  EXPECT_TRUE(result.changes[1].no_transaction);
  ASSERT_EQ(result.destructive_steps().size(), 1u);
  EXPECT_EQ(result.destructive_steps()[0]->rule, "drop-column");
  EXPECT_TRUE(result.destructive_steps()[0]->approved);
  EXPECT_TRUE(result.failed()) << "the blocking index fails lint";

  const auto markdown = format_markdown(result);
  EXPECT_EQ(markdown.rfind(kMarker, 0), 0u) << "the sticky comment is found by its marker";
  EXPECT_TRUE(contains(markdown, "3 migration(s) added; lint: **1 failing finding(s)**; 1 step(s) that destroy data.")) << markdown;
  EXPECT_TRUE(contains(markdown, "| added | `20260102000000_drop_legacy` | 2 statements, in one transaction, marked destructive |"))
      << markdown;
  EXPECT_TRUE(contains(markdown, "| added | `20260103000000_index_online` | 1 statement, outside a transaction (-- strata:no-transaction), no down file |"))
      << markdown;
  EXPECT_TRUE(contains(markdown, "#### Steps that destroy data")) << markdown;
  EXPECT_TRUE(contains(markdown, "| `20260102000000_drop_legacy.sql:2` |")) << markdown;
  EXPECT_TRUE(contains(markdown, "| index-not-concurrent | error |")) << markdown;
  EXPECT_TRUE(contains(markdown, "<details><summary><code>20260104000000_index_blocking</code> (added)</summary>\n\n```sql\n"
                                 "CREATE INDEX users_email ON users (email);\n```"))
      << markdown;
  EXPECT_FALSE(contains(markdown, "<code>20260101000000_users</code>")) << "the base's migrations are not repeated";

  const auto json = to_json(result);
  EXPECT_EQ(json["changes"].size(), 3u);
  EXPECT_EQ(json["destructive_steps"][0]["rule"], "drop-column");
  EXPECT_EQ(json["failed"], true);
}

TEST_F(Review, EditedAndRemovedMigrationsFailIt) {
  write(base_, "20260102000000_gone.sql", "CREATE TABLE gone (id int);\n");
  write(change_, "20260101000000_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(10));\n");
  const auto result = review(options());
  ASSERT_EQ(result.changes.size(), 2u);
  EXPECT_EQ(result.changes[0].kind, MigrationChange::Kind::edited);
  EXPECT_EQ(result.changes[1].kind, MigrationChange::Kind::removed);
  EXPECT_TRUE(result.failed());
  const auto markdown = format_markdown(result);
  EXPECT_TRUE(contains(markdown, "0 migration(s) added, **1 edited**, **1 removed**")) << markdown;
  EXPECT_TRUE(contains(markdown, "**Edited or removed migrations** are refused")) << markdown;
}

TEST_F(Review, TheRehearsalIsSummarized) {
  write(change_, "20260102000000_names.sql", "ALTER TABLE users ADD COLUMN nickname text;\n");
  std::ofstream(root_ / "rehearse.json")
      << R"({"success": true, "target": "production", "pending": 1, "total_ms": 812.4,
             "migrations": [{"name": "20260102000000_names", "status": "applied", "execution_ms": 12.7}]})";
  auto with_rehearsal = options();
  with_rehearsal.rehearsal = root_ / "rehearse.json";
  const auto markdown = format_markdown(review(with_rehearsal));
  EXPECT_TRUE(contains(markdown, "#### Rehearsal on a copy of production\n\n**Success**: 1 pending migration(s) applied in 812 ms."))
      << markdown;
  EXPECT_TRUE(contains(markdown, "| 20260102000000_names | applied | 12 ms |")) << markdown;

  std::ofstream(root_ / "broken.json") << "not json";
  with_rehearsal.rehearsal = root_ / "broken.json";
  EXPECT_THROW(review(with_rehearsal), strata::Error);
  auto missing = options();
  missing.base = root_ / "nowhere";
  EXPECT_THROW(review(missing), strata::Error);
}

TEST_F(Review, TheCommandPrintsMarkdownAndExitsOneWhenItFails) {
  write(change_, "20260104000000_index_blocking.sql", "CREATE INDEX users_name ON users (name);\n");
  const auto run = strata::testing::run_strata(
      {"review", "--migrations", change_.string(), "--base", base_.string(), "--format", "markdown"}, root_);
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_EQ(run.out.rfind(kMarker, 0), 0u) << run.all();
  const auto text = strata::testing::run_strata({"review", "--migrations", change_.string(), "--base", base_.string()}, root_);
  EXPECT_TRUE(contains(text.out, "added 20260104000000_index_blocking: 1 statement, in one transaction, no down file")) << text.all();
}

}  // namespace
}  // namespace strata::review
