// `strata codegen` as the build runs it: replay, generate, write only what changed; refusals.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "strata/codegen.h"
#include "run_strata.h"
#include "strata/migration_integrity.h"

namespace {

namespace fs = std::filesystem;
using strata::testing::Run;

Run strata(const std::vector<std::string>& arguments) { return strata::testing::run_strata(arguments); }

class CodegenCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("strata-codegen-cli-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "migrations");
  }
  void TearDown() override { fs::remove_all(root_); }

  void migration(const std::string& name, const std::string& sql) {
    std::ofstream(root_ / "migrations" / name) << sql;
    strata::migrations::write_integrity_file(root_ / "migrations",
                                             strata::migrations::read_directory(root_ / "migrations"));
  }
  strata::testing::Run codegen(std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments = {"codegen", "--migrations", (root_ / "migrations").string(),
                                          "--out", (root_ / "out").string(), "--namespace", "app::db"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return strata(arguments);
  }

  fs::path root_;
};

TEST_F(CodegenCommand, GeneratesThenWritesNothingWhenNothingChanged) {
  migration("20240101000000_initial.sql", "CREATE TABLE public.users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n");
  auto run = codegen({"--shards", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("(6 written, 0 unchanged, 0 removed)"), std::string::npos) << run.out;
  EXPECT_TRUE(fs::exists(root_ / "out/include/app/db/users.h"));
  EXPECT_TRUE(fs::exists(root_ / "out/src/shard_01.cpp"));
  const auto header_time = fs::last_write_time(root_ / "out/include/app/db/users.h");

  run = codegen({"--shards", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("(0 written, 6 unchanged, 0 removed)"), std::string::npos) << run.out;
  EXPECT_EQ(fs::last_write_time(root_ / "out/include/app/db/users.h"), header_time);

  // A dropped table's header goes away.
  migration("20240102000000_drop.sql", "DROP TABLE public.users;\nCREATE TABLE public.accounts (id int PRIMARY KEY);\n");
  run = codegen({"--shards", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("removed " + (root_ / "out/include/app/db/users.h").string()), std::string::npos) << run.out;
  EXPECT_FALSE(fs::exists(root_ / "out/include/app/db/users.h"));
  EXPECT_TRUE(fs::exists(root_ / "out/include/app/db/accounts.h"));
}

TEST_F(CodegenCommand, UnmappedTypeFailsNamingTheColumn) {
  migration("20240101000000_initial.sql", "CREATE TABLE public.hosts (id int PRIMARY KEY, address inet, mask cidr NOT NULL);\n");
  auto run = codegen();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("column public.hosts.address: type inet has no C++ mapping"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("column public.hosts.mask: type cidr"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(root_ / "out/include/app/db/hosts.h"));

  // Mapped by an override file, it generates.
  std::ofstream(root_ / "types.json") << R"({"types": {"inet": {"cpp": "std::string"}, "cidr": {"cpp": "std::string"}}})";
  run = codegen({"--types", (root_ / "types.json").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(root_ / "out/include/app/db/hosts.h"));
}

TEST_F(CodegenCommand, RefusesMigrationsThatDoNotMatchTheirSum) {
  migration("20240101000000_initial.sql", "CREATE TABLE public.t (id int);\n");
  std::ofstream(root_ / "migrations/20240101000000_initial.sql", std::ios::app) << "-- edited\n";
  const auto run = codegen();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("strata.sum"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("20240101000000_initial.sql"), std::string::npos) << run.err;
}

TEST_F(CodegenCommand, AMissingMigrationsDirectoryIsAnError) {
  const auto run = strata({"codegen", "--migrations", (root_ / "nowhere").string(), "--out", (root_ / "out").string(),
                           "--namespace", "app::db"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("no such migrations directory"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--target db-generate"), std::string::npos) << run.err;
}

TEST_F(CodegenCommand, AFailingMigrationIsReportedWithItsPosition) {
  migration("20240101000000_initial.sql", "CREATE TABLE public.t (id int);\nCREATE TABLE public.t (id int);\n");
  const auto run = codegen();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("20240101000000_initial.sql:2:1"), std::string::npos) << run.err;
}

}  // namespace
