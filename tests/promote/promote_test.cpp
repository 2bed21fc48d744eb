// What makes promotion safe (strata_promote): confirmation of protected environments, the
// promotion order, the environment matrix of `status --all`, and drift.
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "strata/migration_integrity.h"
#include "strata/promote/drift.h"
#include "strata/promote/environments.h"
#include "strata/promote/protection.h"
#include "strata/promote/rehearse.h"
#include "test_cluster.h"

namespace strata::promote {
namespace {

namespace fs = std::filesystem;

Target protected_target(const std::string& name) {
  Target target;
  target.environment = project::Environment{name, "X_URL", true, std::nullopt, std::nullopt};
  target.description = name;
  return target;
}

TEST(Confirmation, OnlyProtectedEnvironmentsAskAndYesSkipsTheQuestion) {
  int asked = 0;
  const Ask ask = [&](const std::string&) -> std::optional<std::string> {
    ++asked;
    return "prod";
  };
  confirm_if_protected(Target{}, false, "apply 1 migration", ask);  // not an environment
  confirm_if_protected(protected_target("prod"), true, "apply 1 migration", ask);  // --yes
  EXPECT_EQ(asked, 0);
  confirm_if_protected(protected_target("prod"), false, "apply 1 migration", ask);
  EXPECT_EQ(asked, 1);
}

TEST(Confirmation, AWrongAnswerOrNobodyToAskRefuses) {
  const Ask wrong = [](const std::string&) -> std::optional<std::string> { return "prdo"; };
  EXPECT_THROW(confirm_if_protected(protected_target("prod"), false, "apply 1 migration", wrong), Error);
  const Ask nobody = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  try {
    confirm_if_protected(protected_target("prod"), false, "apply 1 migration", nobody);
    FAIL() << "no terminal and no --yes must refuse";
  } catch (const Error& error) {
    EXPECT_NE(error.message().find("pass --yes to apply 1 migration"), std::string::npos) << error.what();
  }
}

// Two environments on two databases of the shared cluster, named by variables of this process.
class Environments : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata-promote-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "migrations");
    write("20260101000001_a.sql", "CREATE TABLE a (id int);\n");
    write("20260101000002_b.sql", "CREATE TABLE b (id int);\n");
    migrations::write_integrity_file(dir_ / "migrations", files());
    ::setenv(test_variable_.c_str(), test_.connection_string().c_str(), 1);
    ::setenv(prod_variable_.c_str(), prod_.connection_string().c_str(), 1);
    project_.file = dir_ / "strata.json";
    project_.root = dir_;
    project_.migrations = dir_ / "migrations";
    project_.environments = {{"test", test_variable_, false, std::nullopt, std::nullopt}, {"prod", prod_variable_, true, std::nullopt, std::nullopt}};
  }
  void TearDown() override {
    ::unsetenv(test_variable_.c_str());
    ::unsetenv(prod_variable_.c_str());
    fs::remove_all(dir_);
  }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / "migrations" / name) << text; }
  std::vector<migrations::Migration> files() const { return migrations::read_directory(dir_ / "migrations"); }
  std::vector<migrations::Migration> first(std::size_t count) const {
    auto all = files();
    all.resize(count);
    return all;
  }
  Context prod_context() const {
    Context context;
    context.project = project_;
    context.migrations_dir = dir_ / "migrations";
    context.migrations = files();
    context.target.connection = prod_.connection_string();
    context.target.description = "prod";
    context.target.environment = project_.environments[1];
    return context;
  }

  fs::path dir_;
  testing::ScratchDb test_{"promote_test"};
  testing::ScratchDb prod_{"promote_prod"};
  std::string test_variable_ = "STRATA_PROMOTE_TEST_URL_" + std::to_string(::getpid());
  std::string prod_variable_ = "STRATA_PROMOTE_PROD_URL_" + std::to_string(::getpid());
  project::Project project_;
};

TEST_F(Environments, TheMatrixShowsWhatIsReadyToPromote) {
  runner::migrate(test_.connection_string(), files());
  runner::migrate(prod_.connection_string(), first(1));
  const auto matrix = environment_matrix(project_, dir_ / "migrations");
  ASSERT_EQ(matrix.columns.size(), 2u);
  EXPECT_EQ(matrix.cell(matrix.columns[0], "20260101000002"), "applied");
  EXPECT_EQ(matrix.cell(matrix.columns[1], "20260101000002"), "pending");
  ASSERT_EQ(matrix.steps.size(), 1u);
  EXPECT_EQ(matrix.steps[0].ready, std::vector<std::string>{"20260101000002"});
  EXPECT_FALSE(matrix.all_current);

  runner::migrate(prod_.connection_string(), files());
  EXPECT_TRUE(environment_matrix(project_, dir_ / "migrations").all_current);
}

TEST_F(Environments, AnUnsetVariableOrAnUnreachableServerIsShownNotThrown) {
  ::unsetenv(test_variable_.c_str());
  ::setenv(prod_variable_.c_str(), "postgresql://nobody:secret@/strata_nowhere?host=/nonexistent", 1);
  const auto matrix = environment_matrix(project_, dir_ / "migrations");
  EXPECT_EQ(matrix.columns[0].availability, "unset");
  EXPECT_EQ(matrix.columns[1].availability, "unreachable");
  EXPECT_EQ(matrix.columns[1].error.find("secret"), std::string::npos) << matrix.columns[1].error;
  EXPECT_FALSE(matrix.steps[0].known);
  EXPECT_FALSE(matrix.all_current);
}

TEST_F(Environments, AProtectedEnvironmentGetsOnlyWhatTheOneBeforeItApplied) {
  runner::migrate(test_.connection_string(), first(1));
  const auto context = prod_context();
  const auto all = files();
  try {
    check_promotion_order(context, {&all[0], &all[1]});
    FAIL() << "20260101000002 is not applied to test";
  } catch (const runner::RunnerError& error) {
    ASSERT_EQ(error.details().size(), 1u) << describe(error);
    EXPECT_NE(error.details()[0].find("20260101000002_b: not applied to test"), std::string::npos) << describe(error);
  }
  check_promotion_order(context, {&all[0]});  // applied there: fine
}

TEST_F(Environments, AProtectedEnvironmentIsBackedUpUnlessToldNot) {
  runner::migrate(prod_.connection_string(), first(1));
  auto context = prod_context();
  context.project->backup_dir = dir_ / "backups";
  EXPECT_EQ(backup_if_configured(context, /*no_backup=*/true), std::nullopt);
  const auto dump = backup_if_configured(context, false);
  ASSERT_TRUE(dump);
  EXPECT_EQ(dump->parent_path(), dir_ / "backups");
  EXPECT_EQ(dump->filename().string().rfind("prod-", 0), 0u) << *dump;
  EXPECT_GT(fs::file_size(*dump), 0u);
  context.target.environment->backup = false;  // "backup": false on a protected environment
  EXPECT_EQ(backup_if_configured(context, false), std::nullopt);
}

TEST_F(Environments, DriftIsWhatTheAppliedMigrationsDoNotBuild) {
  runner::migrate(prod_.connection_string(), files());
  auto context = prod_context();
  source::Loader loader(testing::shared_cluster());
  const auto clean = compute_drift(context, runner::status(prod_.connection_string(), files()), prod_.connection_string(), loader);
  EXPECT_EQ(clean.applied, 2u);
  EXPECT_TRUE(clean.differences.empty());

  testing::exec(prod_.connection_string(), "ALTER TABLE a ADD COLUMN sneaked_in text");
  const auto drifted =
      compute_drift(context, runner::status(prod_.connection_string(), files()), prod_.connection_string(), loader);
  EXPECT_EQ(drifted.differences, std::vector<std::string>{"unexpected: column:public.a.sneaked_in"});
  EXPECT_EQ(drifted.sql, "ALTER TABLE public.a DROP COLUMN sneaked_in;\n");

  // A baseline compares the same way: the database matches the migrations up to a version, or not.
  EXPECT_EQ(baseline_differences(context, "20260101000002", loader),
            std::vector<std::string>{"unexpected: column:public.a.sneaked_in"});

  // A changed column: one readable line (what the database has, what the migrations build).
  testing::exec(prod_.connection_string(), "ALTER TABLE a DROP COLUMN sneaked_in; ALTER TABLE a ALTER COLUMN id TYPE bigint");
  const auto changed =
      compute_drift(context, runner::status(prod_.connection_string(), files()), prod_.connection_string(), loader);
  ASSERT_EQ(changed.differences.size(), 1u);
  EXPECT_EQ(changed.differences[0], "differs: column:public.a.id: type bigint, expected integer");
  EXPECT_NE(changed.sql.find("ALTER TABLE public.a ALTER COLUMN id TYPE integer"), std::string::npos) << changed.sql;
}

TEST_F(Environments, ARehearsalAppliesThePendingMigrationsToACopyOnly) {
  runner::migrate(prod_.connection_string(), first(1));
  testing::exec(prod_.connection_string(), "INSERT INTO a SELECT generate_series(1, 5)");
  write("20260101000003_c.sql", "-- strata:destructive\nALTER TABLE a ADD COLUMN note text;\nDROP TABLE b;\n");
  migrations::write_integrity_file(dir_ / "migrations", files());
  auto context = prod_context();
  context.migrations = files();
  source::Loader loader(testing::shared_cluster());
  RehearseOptions options;
  options.run.check_row_counts = true;
  const auto rehearsal = rehearse(context, loader, options);

  EXPECT_TRUE(rehearsal.success);
  ASSERT_EQ(rehearsal.steps.size(), 2u);
  EXPECT_EQ(rehearsal.steps[0].status, "applied");
  EXPECT_EQ(rehearsal.steps[1].dropped_tables, std::vector<std::string>{"public.b"});
  bool saw_exclusive_lock_on_a = false;
  for (const auto& lock : rehearsal.steps[1].locks) {
    saw_exclusive_lock_on_a = saw_exclusive_lock_on_a || (lock.relation == "public.a" && lock.modes.count("AccessExclusiveLock"));
  }
  EXPECT_TRUE(saw_exclusive_lock_on_a);
  EXPECT_EQ(rehearsal.rows_before.at("public.a"), 5);
  ASSERT_TRUE(rehearsal.drift);
  EXPECT_TRUE(rehearsal.drift->differences.empty());
  // The target itself is as it was.
  EXPECT_EQ(testing::exec(prod_.connection_string(), "SELECT count(*) FROM strata.migrations")[0][0].as<int>(), 1);
}

}  // namespace
}  // namespace strata::promote
