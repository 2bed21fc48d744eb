// The `strata` command line, run as a user would run it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "strata/introspect.h"
#include "strata/load.h"
#include "run_strata.h"
#include "test_cluster.h"

namespace {

namespace fs = std::filesystem;

strata::testing::Run strata(const std::vector<std::string>& arguments) { return strata::testing::run_strata(arguments); }

fs::path temp_file(const std::string& name, const std::string& text) {
  const auto path = fs::temp_directory_path() / ("strata-cli-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path;
}

const std::string kExampleSchema = std::string(STRATA_SOURCE_DIR) + "/schema";

TEST(Cli, DiffFromEmptyPrintsTheExampleSchemaDeterministically) {
  const auto first = strata({"diff", "--from", "empty", "--to", kExampleSchema});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("CREATE TABLE public.tasks"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("CREATE TYPE public.task_status AS ENUM"), std::string::npos) << first.out;
  const auto second = strata({"diff", "--from", "empty", "--to", kExampleSchema});
  EXPECT_EQ(first.out, second.out);
}

TEST(Cli, NoDifferencePrintsNothing) {
  const auto run = strata({"diff", "--from", kExampleSchema, "--to", kExampleSchema});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST(Cli, JsonFormatIsAPlan) {
  const auto run = strata({"diff", "--from", "empty", "--to", kExampleSchema, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto plan = nlohmann::json::parse(run.out);
  EXPECT_GT(plan["changes"].size(), 10u);
  EXPECT_TRUE(plan["sql"].is_string());
}

TEST(Cli, SchemaErrorsExitOneWithFileLineColumnAndSqlstate) {
  const auto bad = temp_file("bad.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (x no_such_type);\n");
  const auto run = strata({"diff", "--from", "empty", "--to", bad.string()});
  fs::remove(bad);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find(bad.string() + ":2:19"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("SQLSTATE 42704"), std::string::npos) << run.err;
}

// diff honours every pragma generate honours, and says on stderr what generate says.
TEST(Cli, DiffHonoursRenamePragmasAndPrintsDestructiveStepsAndHints) {
  const auto from = temp_file("from.sql", "CREATE TABLE users (id int PRIMARY KEY, mail text, nick text);\n");
  const auto renamed = temp_file("renamed.sql",
                                 "CREATE TABLE users (\n  id int PRIMARY KEY,\n  -- strata:renamed-from mail\n"
                                 "  email text,\n  nick text\n);\n");
  const auto dropped = temp_file("dropped.sql", "CREATE TABLE users (id int PRIMARY KEY, email text, nick text);\n");
  const auto rename = strata({"diff", "--from", from.string(), "--to", renamed.string()});
  const auto drop = strata({"diff", "--from", from.string(), "--to", dropped.string()});
  fs::remove(from);
  fs::remove(renamed);
  fs::remove(dropped);
  EXPECT_EQ(rename.exit_code, 0) << rename.err;
  EXPECT_EQ(rename.out, "ALTER TABLE public.users RENAME COLUMN mail TO email;\n");
  EXPECT_EQ(rename.err, "");
  EXPECT_EQ(drop.exit_code, 0) << drop.err;
  EXPECT_NE(drop.err.find("destructive: drop column public.users.mail: drops column public.users.mail and its data"),
            std::string::npos)
      << drop.err;
  EXPECT_NE(drop.err.find("hint: "), std::string::npos) << drop.err;  // mail -> email looks like a rename
}

TEST(Cli, MissingSourceExitsOne) {
  const auto run = strata({"diff", "--from", "empty", "--to", "/nonexistent/schema"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("/nonexistent/schema"), std::string::npos) << run.err;
}

TEST(Cli, PasswordsNeverAppearInErrors) {
  const auto run = strata({"diff", "--from", "postgresql://app:hunter2secret@/db?host=/nonexistent-socket-dir", "--to", "empty"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.find("hunter2secret"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("****"), std::string::npos) << run.err;
}

TEST(Cli, EveryCommandHasHelp) {
  for (const auto& command : {std::vector<std::string>{"--help"}, {"diff", "--help"}, {"inspect", "--help"}}) {
    const auto run = strata(command);
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.out.find("Usage"), std::string::npos) << run.out;
  }
}

TEST(Cli, UnknownCommandIsAUsageError) {
  EXPECT_EQ(strata({"frobnicate"}).exit_code, 2);
}

TEST(Cli, DiffAgainstALiveDatabase) {
  const auto& cluster = strata::testing::shared_cluster();
  const std::string live = strata::testing::unique_name("cli_live");  // the cluster may be shared
  cluster.drop_database(live);
  cluster.create_database(live);
  strata::load::execute_statements(cluster.connection_string(live), {{"x.sql", "CREATE TABLE t (id int PRIMARY KEY);"}});
  const auto run = strata({"diff", "--from", cluster.url(live), "--to", "empty"});
  cluster.drop_database(live);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("DROP TABLE public.t"), std::string::npos) << run.out;
}

// `inspect` prints a schema file; loading it into an empty database reproduces the catalog.
class InspectRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(InspectRoundTrip, LoadingTheOutputReproducesTheCatalog) {
  const auto& cluster = strata::testing::shared_cluster();
  const std::string source_db = strata::testing::unique_name("inspect_src");  // the cluster may be shared
  const std::string copy_db = strata::testing::unique_name("inspect_copy");
  for (const auto& db : {source_db, copy_db}) {
    cluster.drop_database(db);
    cluster.create_database(db);
  }
  strata::load::execute_statements(cluster.connection_string(source_db),
                                   strata::load::read_schema_files(fs::path(STRATA_CORPUS_DIR) / GetParam()));
  const auto run = strata({"inspect", "--url", cluster.url(source_db)});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_NO_THROW(strata::load::execute_statements(cluster.connection_string(copy_db), {{"inspected.sql", run.out}}));

  pqxx::connection source_conn(cluster.connection_string(source_db));
  pqxx::connection copy_conn(cluster.connection_string(copy_db));
  EXPECT_EQ(strata::introspect::introspect(source_conn).catalog.to_json(),
            strata::introspect::introspect(copy_conn).catalog.to_json());
}

INSTANTIATE_TEST_SUITE_P(Corpus, InspectRoundTrip, ::testing::Values("pagila.sql", "northwind.sql", "openstreetmap.sql"),
                         [](const auto& info) { return info.param.substr(0, info.param.find('.')); });

}  // namespace
