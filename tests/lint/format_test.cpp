// Output formats, and `strata lint` run as a user runs it (exit codes, files, formats).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lint_test_support.h"
#include "run_strata.h"

namespace strata::lint {
namespace {

namespace fs = std::filesystem;
using testing::describe;
using testing::lint_sql;

TEST(Text, OneLinePerFindingWithItsHint) {
  const auto text = format_text(lint_sql("\nCREATE INDEX users_email ON users (email);\n"));
  EXPECT_EQ(text.rfind("migration.sql:2:1: error [index-not-concurrent] CREATE INDEX users_email on existing table "
                       "users blocks every write",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("\n  hint: use CREATE INDEX CONCURRENTLY"), std::string::npos) << text;
  EXPECT_NE(text.find("strata lint: 1 file, 1 error, 0 approved, 0 warnings, 0 info, 0 suppressed"), std::string::npos)
      << text;
}

TEST(Json, ParsesWithEveryField) {
  const auto report = lint_sql(
      "-- strata:lint-ignore drop-index-not-concurrent \"tiny\", table\nDROP INDEX orders_user;\n"
      "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n");
  const auto json = nlohmann::json::parse(format_json(report));
  ASSERT_EQ(json["findings"].size(), 2u) << json.dump(2);
  const auto& drop = json["findings"][0];
  EXPECT_EQ(drop["file"], "migration.sql");
  EXPECT_EQ(drop["line"], 2);
  EXPECT_EQ(drop["column"], 1);
  EXPECT_EQ(drop["rule"], "drop-index-not-concurrent");
  EXPECT_EQ(drop["severity"], "warning");
  EXPECT_EQ(drop["suppressed"], true);
  EXPECT_EQ(drop["suppression_reason"], "\"tiny\", table");
  EXPECT_EQ(drop["fails"], false);
  const auto& rewrite = json["findings"][1];
  EXPECT_EQ(rewrite["rule"], "volatile-default");
  EXPECT_EQ(rewrite["severity"], "error");
  EXPECT_EQ(rewrite["approved"], false);
  EXPECT_EQ(rewrite["fails"], true);
  EXPECT_FALSE(rewrite["hint"].get<std::string>().empty());
  EXPECT_EQ(json["summary"]["failed"], true);
  EXPECT_EQ(json["summary"]["suppressed"], 1);
  EXPECT_EQ(json["summary"]["errors"], 1);
}

TEST(GitHub, Escaping) {
  EXPECT_EQ(github_escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
  EXPECT_EQ(github_escape_property("dir,x/a:b%.sql\n"), "dir%2Cx/a%3Ab%25.sql%0A");
}

TEST(GitHub, WorkflowCommandPerFinding) {
  auto report = lint_sql("CREATE INDEX users_email ON users (email);\nDROP INDEX orders_user;\n");
  for (auto& finding : report.findings) finding.file = "db/mig,rations/1:x.sql";
  report.findings[0].message = "50% of\nthe time";
  const auto text = format_github(report);
  const auto first = text.substr(0, text.find('\n'));
  EXPECT_EQ(first.rfind("::error file=db/mig%2Crations/1%3Ax.sql,line=1,col=1,title=strata lint%3A "
                        "index-not-concurrent::50%25 of%0Athe time. use CREATE INDEX CONCURRENTLY",
                        0),
            0u)
      << first;
  EXPECT_NE(text.find("\n::warning file=db/mig%2Crations/1%3Ax.sql,line=2,col=1,title=strata lint%3A "
                      "drop-index-not-concurrent::"),
            std::string::npos)
      << text;
}

TEST(GitHub, ApprovedErrorsAreWarningsAndSuppressedAreLeftOut) {
  const auto approved = format_github(lint_sql("-- strata:approved small table\nCREATE INDEX a ON users (email);\n"));
  EXPECT_EQ(approved.rfind("::warning ", 0), 0u) << approved;
  EXPECT_NE(approved.find("(approved: small table)"), std::string::npos) << "data: only %, CR, LF are escaped\n"
                                                                          << approved;
  const auto suppressed =
      format_github(lint_sql("-- strata:lint-ignore index-not-concurrent small\nCREATE INDEX a ON users (email);\n"));
  EXPECT_EQ(suppressed, "");
}

// ---- the command line ----

// `strata lint ARGUMENTS` (split on spaces; no argument here has one) with both streams in `out`.
strata::testing::Run strata_lint(const std::string& arguments) {
  std::vector<std::string> words = {"lint"};
  std::istringstream split(arguments);
  for (std::string word; split >> word;) words.push_back(word);
  auto run = strata::testing::run_strata(words);
  run.out += run.err;
  return run;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata-lint-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "migrations");
    write("migrations/20260101000000_create.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
    write("migrations/20260101000000_create.down.sql", "DROP TABLE users;\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::string migrations() const { return (dir_ / "migrations").string(); }

  fs::path dir_;
};

TEST_F(Cli, CleanDirectoryExitsZero) {
  const auto run = strata_lint("--migrations " + migrations());
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("strata lint: 1 file, 0 errors"), std::string::npos) << run.out;
}

TEST_F(Cli, DangerousFindingExitsOneUnlessApproved) {
  write("migrations/20260102000000_index.sql", "CREATE INDEX users_email ON users (email);\n");
  const auto run = strata_lint("--migrations " + migrations());
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("20260102000000_index.sql:1:1: error [index-not-concurrent]"), std::string::npos) << run.out;

  write("migrations/20260102000000_index.sql", "-- strata:approved users is small\nCREATE INDEX users_email ON users (email);\n");
  const auto approved = strata_lint("--migrations " + migrations());
  EXPECT_EQ(approved.exit_code, 0) << approved.out;
}

TEST_F(Cli, DownFilesWithIncludeDown) {
  EXPECT_EQ(strata_lint("--migrations " + migrations() + " --include-down").exit_code, 1);
  // Naming a down file lints it.
  const auto run = strata_lint("--migrations " + migrations() + " " + migrations() + "/20260101000000_create.down.sql");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("[drop-table]"), std::string::npos) << run.out;
}

TEST_F(Cli, FileOutsideTheDirectoryIsLintedAfterIt) {
  write("draft.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
  const auto run = strata_lint("--migrations " + migrations() + " --format json " + (dir_ / "draft.sql").string());
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["findings"].size(), 1u) << run.out;
  EXPECT_EQ(json["findings"][0]["rule"], "set-not-null-without-check");
  EXPECT_EQ(json["summary"]["files"], 1);
}

TEST_F(Cli, GithubFormat) {
  write("migrations/20260102000000_index.sql", "CREATE INDEX users_email ON users (email);\n");
  const auto run = strata_lint("--migrations " + migrations() + " --format github");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_EQ(run.out.rfind("::error file=", 0), 0u) << run.out;
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(strata_lint("--format yaml").exit_code, 2);
  EXPECT_EQ(strata_lint("--no-such-flag").exit_code, 2);
  EXPECT_EQ(strata_lint("--migrations " + migrations() + " --enable no-such-rule").exit_code, 2);
  EXPECT_EQ(strata_lint("--migrations " + migrations() + " " + (dir_ / "missing.sql").string()).exit_code, 2);
  EXPECT_EQ(strata_lint("--migrations " + (dir_ / "no-such-dir").string()).exit_code, 2);
}

TEST_F(Cli, ListRules) {
  const auto run = strata_lint("--list-rules");
  EXPECT_EQ(run.exit_code, 0);
  for (const auto& rule : rules()) EXPECT_NE(run.out.find(rule.id + "\t"), std::string::npos) << rule.id;
}

TEST_F(Cli, EnableOptInRules) {
  write("migrations/20260102000000_tags.sql", "CREATE TABLE tags (id serial);\n");
  EXPECT_EQ(strata_lint("--migrations " + migrations()).out.find("prefer-identity"), std::string::npos);
  const auto run = strata_lint("--migrations " + migrations() + " --enable prefer-identity,prefer-bigint");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("[prefer-identity]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("[prefer-bigint]"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace strata::lint
