// runner::apply_unrecorded (strata push's plan) and RunOptions::create_missing_roles (replay and
// proofs on throwaway clusters): the statement execution of migrate, without the history, and
// with what a throwaway cluster lacks made up.
#include "runner_fixture.h"

namespace strata::runner {
namespace {

using namespace testing_support;

migrations::Migration script(const std::string& slug, const std::string& sql) {
  migrations::Migration made;
  made.version = "push";
  made.slug = slug;
  made.up = {"(push " + slug + ")", sql, migrations::parse_pragmas(sql)};
  return made;
}

TEST_F(RunnerTest, UnrecordedScriptsRunWithoutAHistory) {
  const auto report = apply_unrecorded(url(),
                                       {script("plan", "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n"),
                                        script("online", "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n")},
                                       quick());
  ASSERT_EQ(report.applied.size(), 2u);
  EXPECT_EQ(report.applied[0].name, "push_plan");
  EXPECT_EQ(scalar("SELECT count(*) FROM t"), "1");
  EXPECT_TRUE(table_exists("public.t_id"));
  EXPECT_FALSE(history_exists());  // nothing recorded, not even the table
}

TEST_F(RunnerTest, AFailedUnrecordedScriptRollsBackWhole) {
  try {
    apply_unrecorded(url(), {script("plan", "CREATE TABLE t (id int);\nINSERT INTO t VALUES ('x');\n")}, quick());
    FAIL() << "the INSERT must fail";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.sqlstate(), "22P02");
    EXPECT_EQ(error.location().to_string(), "(push plan):2:23") << error.what();  // the literal
    EXPECT_EQ(error.statement(), "INSERT INTO t VALUES ('x')");
  }
  EXPECT_FALSE(table_exists("public.t"));
}

TEST_F(RunnerTest, UnrecordedDryRunPrintsWhatWouldRun) {
  auto options = quick();
  options.dry_run = true;
  const auto report = apply_unrecorded(url(), {script("plan", "CREATE TABLE t (id int);\n")}, options);
  EXPECT_NE(report.dry_run_sql.find("CREATE TABLE t (id int);"), std::string::npos) << report.dry_run_sql;
  EXPECT_EQ(report.dry_run_sql.find("strata.migrations"), std::string::npos) << report.dry_run_sql;
  EXPECT_FALSE(table_exists("public.t"));
}

// Roles are cluster-wide: a migration assumes the roles it names exist where it is deployed, and
// a migration that creates one may run again on the same throwaway cluster.
TEST_F(RunnerTest, ThrowawayRolesAreMadeUpAndCreatedOnce) {
  const std::string role = "strata_test_reader_" + std::to_string(::getpid());
  const std::string creator = "strata_test_creator_" + std::to_string(::getpid());
  add(1, "grants", "CREATE TABLE t (id int);\nGRANT SELECT ON t TO " + role + ";\nCREATE ROLE " + creator + " NOLOGIN;\n");
  auto options = quick();
  options.create_missing_roles = true;
  migrate(url(), files(), options);
  EXPECT_EQ(scalar("SELECT has_table_privilege('" + role + "', 't', 'SELECT')"), "t");

  {
    // The same migration on another database of the cluster: the role it creates exists already.
    strata::testing::ScratchDb second("roles_again");
    migrate(second.connection_string(), files(), options);
    EXPECT_EQ(strata::testing::exec(second.connection_string(), "SELECT count(*) FROM strata.migrations")[0][0].as<int>(), 1);
  }
  {
    // Without the option the runner sends every statement, as a deploy must.
    strata::testing::ScratchDb third("roles_strict");
    try {
      migrate(third.connection_string(), files(), quick());
      FAIL() << "CREATE ROLE of a role the cluster has must fail without create_missing_roles";
    } catch (const sql::SqlError& error) {
      EXPECT_EQ(error.sqlstate(), "42710") << error.what();
    }
  }
  strata::testing::exec(url(), "DROP TABLE t; DROP ROLE " + role + "; DROP ROLE " + creator);
}

// Migrations never create roles: a deploy naming a role the target lacks stops before anything
// runs (not after the statements before the GRANT), naming the role and the migration.
TEST_F(RunnerTest, AMigrationNamingAMissingRoleIsRefusedBeforeAnythingRuns) {
  const std::string role = "strata_test_absent_" + std::to_string(::getpid());
  add(1, "table", "CREATE TABLE t (id int);\n");
  add(2, "grants", "CREATE TABLE u (id int);\nGRANT SELECT ON u TO " + role + ";\nALTER TABLE u OWNER TO " + role + ";\n");
  try {
    migrate(url(), files(), quick());
    FAIL() << "a role the target lacks must be refused";
  } catch (const RunnerError& error) {
    EXPECT_NE(std::string(error.what()).find("names role " + role + ", which does not exist"), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("0002_grants"), std::string::npos) << error.what();
    EXPECT_NE(error.info().hint.find("not created by migrations"), std::string::npos);
  }
  EXPECT_FALSE(table_exists("public.t"));  // not even the migration before it
  EXPECT_FALSE(table_exists("public.u"));
}

TEST_F(RunnerTest, ARoleCreatedByAnEarlierPendingStatementIsNotMissing) {
  const std::string role = "strata_test_made_" + std::to_string(::getpid());
  add(1, "role", "CREATE ROLE " + role + " NOLOGIN;\n");
  add(2, "grants", "CREATE TABLE u (id int);\nGRANT SELECT ON u TO " + role + ";\n");
  migrate(url(), files(), quick());
  EXPECT_EQ(scalar("SELECT has_table_privilege('" + role + "', 'u', 'SELECT')"), "t");
  strata::testing::exec(url(), "DROP TABLE u; DROP ROLE " + role);
}

}  // namespace
}  // namespace strata::runner
