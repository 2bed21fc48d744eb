// strata.json: parsing, errors that name the file and the key, finding it, environment URLs.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli_runner_support.h"
#include "strata/project.h"

namespace {

namespace fs = std::filesystem;
using strata::project::parse_duration;
using strata::project::parse_project;
using strata::project::ProjectError;
using namespace std::chrono_literals;

const fs::path kFile = "/srv/app/strata.json";

// The message of the ProjectError that parsing `text` throws ("" when it does not throw).
std::string error_of(const std::string& text) {
  try {
    parse_project(text, kFile);
  } catch (const ProjectError& error) {
    return error.what();
  }
  return "";
}

TEST(ProjectFile, TheExampleParsesWithPathsRelativeToTheFile) {
  const auto project = parse_project(R"({
    "schema": "schema", "migrations": "schema/migrations",
    "backup_dir": ".strata/backups",
    "lock_timeout": "5s", "statement_timeout": "15min", "lock_retries": 3,
    "environments": [
      {"name": "dev",  "url_env": "DEV_DATABASE_URL"},
      {"name": "test", "url_env": "TEST_DATABASE_URL"},
      {"name": "prod", "url_env": "PROD_DATABASE_URL", "protected": true, "backup": true}
    ]
  })",
                                     kFile);
  EXPECT_EQ(project.root, "/srv/app");
  EXPECT_EQ(project.schema, "/srv/app/schema");
  EXPECT_EQ(project.migrations, "/srv/app/schema/migrations");
  EXPECT_EQ(project.backup_dir, "/srv/app/.strata/backups");
  EXPECT_EQ(project.lock_timeout, 5s);
  EXPECT_EQ(project.statement_timeout, 15min);
  EXPECT_EQ(project.lock_retries, 3);
  ASSERT_EQ(project.environments.size(), 3u);
  EXPECT_EQ(project.environments[2].name, "prod");
  EXPECT_TRUE(project.environments[2].is_protected);
  EXPECT_TRUE(project.environments[2].backs_up());
  EXPECT_FALSE(project.environments[0].backs_up());
  EXPECT_EQ(project.previous(project.environments[2])->name, "test");
  EXPECT_EQ(project.previous(project.environments[0]), nullptr);
  EXPECT_EQ(project.next(project.environments[0])->name, "test");
}

TEST(ProjectFile, DefaultsFollowTheSchemaDirectory) {
  const auto project = parse_project(R"({"schema": "db"})", kFile);
  EXPECT_EQ(project.migrations, "/srv/app/db/migrations");
  EXPECT_EQ(project.backup_dir, "/srv/app/.strata/backups");
  EXPECT_FALSE(project.lock_timeout);
  EXPECT_TRUE(project.environments.empty());
  // A protected environment is backed up unless it says otherwise.
  const auto protected_project = parse_project(
      R"({"environments": [{"name": "a", "url_env": "A", "protected": true},
                           {"name": "b", "url_env": "B", "protected": true, "backup": false}]})",
      kFile);
  EXPECT_TRUE(protected_project.environments[0].backs_up());
  EXPECT_FALSE(protected_project.environments[1].backs_up());
}

TEST(ProjectFile, BadJsonNamesTheFileAndThePlace) {
  const auto message = error_of("{\n  \"schema\": \"schema\",\n  \"migrations\": \n}");
  EXPECT_NE(message.find("/srv/app/strata.json: invalid JSON"), std::string::npos) << message;
  EXPECT_NE(message.find("line 4"), std::string::npos) << message;
}

TEST(ProjectFile, UnknownKeysAreErrorsNotIgnored) {
  auto message = error_of(R"({"migration": "db/migrations"})");
  EXPECT_NE(message.find("/srv/app/strata.json"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown key \"migration\""), std::string::npos) << message;
  message = error_of(R"({"environments": [{"name": "prod", "url_env": "P", "protect": true}]})");
  EXPECT_NE(message.find("environments[0] (prod): unknown key \"protect\""), std::string::npos) << message;
}

TEST(ProjectFile, DuplicatesAreErrors) {
  auto message = error_of(R"({"environments": [{"name": "prod", "url_env": "A"}, {"name": "prod", "url_env": "B"}]})");
  EXPECT_NE(message.find("environment \"prod\" is declared twice"), std::string::npos) << message;
  message = error_of(R"({"lock_timeout": "5s", "lock_timeout": "1h"})");
  EXPECT_NE(message.find("key \"lock_timeout\" appears twice"), std::string::npos) << message;
}

TEST(ProjectFile, BadValuesAreErrors) {
  auto message = error_of(R"({"lock_timeout": "5 parsecs"})");
  EXPECT_NE(message.find("lock_timeout: invalid duration \"5 parsecs\""), std::string::npos) << message;
  message = error_of(R"({"statement_timeout": "10m"})");
  EXPECT_NE(message.find("unknown unit \"m\""), std::string::npos) << message;
  message = error_of(R"({"lock_retries": -1})");
  EXPECT_NE(message.find("lock_retries"), std::string::npos) << message;
  message = error_of(R"({"environments": [{"name": "prod"}]})");
  EXPECT_NE(message.find("\"url_env\" is missing"), std::string::npos) << message;
  message = error_of(R"({"environments": [{"name": "prod", "url_env": "postgresql://x"}]})");
  EXPECT_NE(message.find("not an environment variable name"), std::string::npos) << message;
  message = error_of(R"({"environments": [{"name": "prod", "url_env": "P", "protected": "yes"}]})");
  EXPECT_NE(message.find("protected: expected true or false"), std::string::npos) << message;
  message = error_of(R"(["dev"])");
  EXPECT_NE(message.find("expected a JSON object"), std::string::npos) << message;
}

TEST(ProjectFile, UnknownEnvironmentListsTheKnownOnes) {
  const auto project = parse_project(R"({"environments": [{"name": "dev", "url_env": "D"}, {"name": "prod", "url_env": "P"}]})", kFile);
  try {
    project.environment("staging");
    FAIL() << "no error";
  } catch (const ProjectError& error) {
    EXPECT_NE(std::string(error.what()).find("no environment \"staging\" (it declares dev, prod)"), std::string::npos)
        << error.what();
  }
}

TEST(ProjectFile, EnvironmentUrlComesFromItsVariableAndAnUnsetOneIsNamed) {
  const strata::project::Environment environment{"prod", "STRATA_TEST_PROD_URL_VARIABLE", true, std::nullopt, std::nullopt};
  ::unsetenv("STRATA_TEST_PROD_URL_VARIABLE");
  try {
    strata::project::environment_url(environment);
    FAIL() << "no error";
  } catch (const ProjectError& error) {
    EXPECT_NE(std::string(error.what()).find("STRATA_TEST_PROD_URL_VARIABLE is not set"), std::string::npos)
        << error.what();
  }
  ::setenv("STRATA_TEST_PROD_URL_VARIABLE", "postgresql://app:secret@db/app", 1);
  EXPECT_EQ(strata::project::environment_url(environment), "postgresql://app:secret@db/app");
  ::unsetenv("STRATA_TEST_PROD_URL_VARIABLE");
}

TEST(ProjectFile, FoundByWalkingUp) {
  strata::testing::TempProject project;
  project.write_project("{}");
  fs::create_directories(project.root() / "a" / "b");
  EXPECT_EQ(strata::project::find_project_file(project.root() / "a" / "b"), project.root() / "strata.json");
  EXPECT_EQ(strata::project::find_project_file(project.root()), project.root() / "strata.json");
}

TEST(Durations, UnitsAndPlainMilliseconds) {
  EXPECT_EQ(parse_duration("200ms"), 200ms);
  EXPECT_EQ(parse_duration("5s"), 5s);
  EXPECT_EQ(parse_duration("15min"), 15min);
  EXPECT_EQ(parse_duration("1h"), 1h);
  EXPECT_EQ(parse_duration("750"), 750ms);
  EXPECT_EQ(parse_duration("0"), 0ms);
  for (const char* bad : {"", "s", "5 s", "-5s", "1.5s", "5sec", "10m"}) {
    EXPECT_THROW(parse_duration(bad), strata::Error) << bad;
  }
  EXPECT_EQ(strata::project::format_duration(15min), "15min");
  EXPECT_EQ(strata::project::format_duration(1500ms), "1500ms");
}

TEST(ProjectFileCli, ABrokenProjectFileStopsEveryCommandNamingIt) {
  strata::testing::TempProject project;
  project.write_project(R"({"migrations": "schema/migrations", "lock_timout": "5s"})");
  fs::create_directories(project.root() / "sub");
  const auto run = strata::testing::run_strata({"status", "--url", "postgresql:///nothing"}, project.root() / "sub");
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_NE(run.err.find("error: " + (project.root() / "strata.json").string() + ": unknown key \"lock_timout\""),
            std::string::npos)
      << run.all();
}

TEST(ProjectFileCli, AnEnvironmentWithoutItsVariableIsAnErrorNamingIt) {
  strata::testing::TempProject project;
  project.write_project(R"({"environments": [{"name": "test", "url_env": "TEST_DATABASE_URL"}]})");
  project.add_migrations(strata::testing::standard_migrations());
  auto run = project.strata({"migrate", "--env", "test"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_NE(run.err.find("TEST_DATABASE_URL is not set"), std::string::npos) << run.all();
  run = project.strata({"migrate", "--env", "staging"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_NE(run.err.find("no environment \"staging\""), std::string::npos) << run.all();
}

}  // namespace

namespace {

TEST(RunnerCommandsHelp, EveryCommandHasHelpThatExitsZero) {
  for (const auto& command : std::vector<std::vector<std::string>>{
           {"migrate", "--help"}, {"status", "--help"}, {"rollback", "--help"}, {"repair", "--help"},
           {"baseline", "--help"}, {"verify", "--help"}, {"restore", "--help"}, {"dev", "--help"},
           {"dev", "stop", "--help"}, {"dev", "url", "--help"}}) {
    const auto run = strata::testing::run_strata(command, std::filesystem::temp_directory_path());
    EXPECT_EQ(run.exit_code, 0) << command[0] << " " << run.all();
    EXPECT_NE(run.out.find("Usage"), std::string::npos) << command[0] << " " << run.all();
  }
  // Exit codes that deploy scripts rely on are documented where they look.
  const auto status = strata::testing::run_strata({"status", "--help"}, std::filesystem::temp_directory_path());
  EXPECT_NE(status.out.find("Exit 0 when the database is current"), std::string::npos) << status.all();
}

TEST(RunnerCommandsHelp, UrlAndEnvExcludeEachOther) {
  const auto run = strata::testing::run_strata({"migrate", "--url", "postgresql:///x", "--env", "prod"},
                                               std::filesystem::temp_directory_path());
  EXPECT_EQ(run.exit_code, 2) << run.all();  // a usage error
}

}  // namespace

TEST(ProjectFile, OwnersAndPrivilegesCanBeLeftToAnotherTool) {
  const auto everything = parse_project(R"({})", kFile);
  EXPECT_TRUE(everything.diff_owners);
  EXPECT_TRUE(everything.diff_privileges);
  const auto neither = parse_project(R"({"diff": {"owners": false, "privileges": false}})", kFile);
  EXPECT_FALSE(neither.diff_owners);
  EXPECT_FALSE(neither.diff_privileges);
  EXPECT_NE(error_of(R"({"diff": {"owner": false}})").find("owner"), std::string::npos);
  EXPECT_NE(error_of(R"({"diff": {"privileges": "no"}})").find("privileges: expected true or false"), std::string::npos);
}
