// The runner's command line, run as a user would run it, against real databases: migrate,
// status, rollback, repair, baseline, verify; protected environments, backups and restore.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "cli_runner_support.h"
#include "strata/backup.h"
#include "test_cluster.h"

namespace {

namespace fs = std::filesystem;
using strata::testing::exec;
using strata::testing::lines_of;
using strata::testing::Run;
using strata::testing::ScratchDb;
using strata::testing::TempProject;

constexpr const char* kUsers = "20260101000001";
constexpr const char* kTasks = "20260101000002";
constexpr const char* kName = "20260101000003";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string url_of(const ScratchDb& database) { return strata::testing::shared_cluster().url(database.name()); }

bool table_exists(const ScratchDb& database, const std::string& table) {
  return !exec(database.connection_string(), "SELECT 1 FROM pg_class WHERE oid = to_regclass('" + table + "')").empty();
}

long long applied_count(const ScratchDb& database) {
  return exec(database.connection_string(), "SELECT count(*) FROM strata.migrations")[0][0].as<long long>();
}

// Runs every migration's SQL by hand, without the runner (a database built some other way).
void build_by_hand(const ScratchDb& database) {
  for (const auto& migration : strata::testing::standard_migrations()) exec(database.connection_string(), migration.up);
}

class RunnerCommands : public ::testing::Test {
 protected:
  void SetUp() override { project.add_migrations(strata::testing::standard_migrations()); }
  TempProject project;
};

TEST_F(RunnerCommands, MigrateStatusRollbackRoundTrip) {
  ScratchDb database("cli_round_trip");
  const auto url = url_of(database);

  auto run = project.strata({"status", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();  // nothing applied: not current
  EXPECT_TRUE(contains(run.out, "20260101000001_create_users")) << run.all();
  EXPECT_TRUE(contains(run.out, "pending")) << run.all();

  run = project.strata({"migrate", "--url", url, "--to", kTasks});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "applying 20260101000001_create_users ... ")) << run.all();
  EXPECT_TRUE(contains(run.out, "applying 20260101000002_create_tasks ... ")) << run.all();
  EXPECT_FALSE(contains(run.out, "add_users_name")) << run.all();
  EXPECT_TRUE(table_exists(database, "public.tasks"));

  run = project.strata({"status", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();  // one still pending
  run = project.strata({"migrate", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "applied 1 migration")) << run.all();
  run = project.strata({"status", "--url", url});
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "3 applied (current)")) << run.all();
  run = project.strata({"--timings", "status", "--url", url});  // every command has --timings
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.err, "timings: {\"command\":\"status\",\"total_ms\":")) << run.all();
  run = project.strata({"migrate", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "nothing to apply")) << run.all();

  run = project.strata({"rollback", "--url", url, "--dry-run"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "DROP COLUMN name")) << run.all();
  EXPECT_EQ(applied_count(database), 3);

  run = project.strata({"rollback", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "reverting 20260101000003_add_users_name")) << run.all();
  EXPECT_EQ(applied_count(database), 2);
  run = project.strata({"rollback", "--url", url, "--to", kUsers});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_FALSE(table_exists(database, "public.tasks"));
  EXPECT_TRUE(table_exists(database, "public.users"));
  EXPECT_EQ(applied_count(database), 1);

  run = project.strata({"rollback", "--url", url, "--to", kUsers, "--steps", "2"});
  EXPECT_EQ(run.exit_code, 2) << run.all();  // one or the other: a usage error
  // Said like every other error.
  EXPECT_EQ(run.err, "error: --to excludes --steps (`strata rollback --help` lists the options)\n") << run.all();

  // Version 0 is before the first migration: --to 0 (or --all) reverts everything.
  run = project.strata({"rollback", "--url", url, "--to", "0"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_FALSE(table_exists(database, "public.users"));
  EXPECT_EQ(applied_count(database), 0);
  ASSERT_EQ(project.strata({"migrate", "--url", url}).exit_code, 0);
  run = project.strata({"rollback", "--url", url, "--all"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "rolled back 3 migrations")) << run.all();
  EXPECT_EQ(applied_count(database), 0);
  run = project.strata({"rollback", "--url", url, "--all", "--steps", "1"});
  EXPECT_EQ(run.exit_code, 2) << run.all();
}

// A wrong migrations directory must not deploy nothing and pass (a CI path typo).
TEST_F(RunnerCommands, AMissingOrEmptyMigrationsDirectoryIsAnErrorNamingIt) {
  ScratchDb database("cli_wrong_dir");
  const auto url = url_of(database);
  auto run = project.strata({"migrate", "--url", url, "--migrations", "no/such/dir"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "error: no/such/dir: no such migrations directory (--migrations)")) << run.all();
  run = project.strata({"status", "--url", url, "--migrations", "no/such/dir"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "no such migrations directory")) << run.all();

  fs::create_directories(project.root() / "empty");
  run = project.strata({"migrate", "--url", url, "--migrations", "empty"});
  EXPECT_EQ(run.exit_code, 0) << "no history yet: a project without migrations" << run.all();
  ASSERT_EQ(project.strata({"migrate", "--url", url}).exit_code, 0);
  run = project.strata({"migrate", "--url", url, "--migrations", "empty"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "error: empty: holds no migration, but ")) << run.all();
  EXPECT_TRUE(contains(run.err, "has 3 applied (newest 20260101000003_add_users_name). Is this the right migrations directory"))
      << run.all();
}

TEST_F(RunnerCommands, JsonOutputIsOneObjectPerLineEndingWithASummary) {
  ScratchDb database("cli_json");
  auto run = project.strata({"migrate", "--url", url_of(database), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  const auto lines = lines_of(run.out);
  ASSERT_FALSE(lines.empty()) << run.all();
  int done = 0;
  for (const auto& line : lines) {
    const auto event = nlohmann::json::parse(line);
    ASSERT_TRUE(event.contains("event")) << line;
    if (event["event"] == "migration_done") ++done;
  }
  EXPECT_EQ(done, 3) << run.out;
  const auto summary = nlohmann::json::parse(lines.back());
  EXPECT_EQ(summary["event"], "summary");
  ASSERT_EQ(summary["applied"].size(), 3u);
  EXPECT_EQ(summary["applied"][0]["version"], kUsers);

  run = project.strata({"status", "--url", url_of(database), "--format", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.all();
  const auto status = nlohmann::json::parse(run.out);
  EXPECT_EQ(status["current"], true);
  ASSERT_EQ(status["migrations"].size(), 3u);
  EXPECT_EQ(status["migrations"][2]["state"], "applied");
  EXPECT_FALSE(status["migrations"][2]["applied_at"].get<std::string>().empty());

  // A failure in JSON mode ends the stream with an error object, and says so on stderr.
  project.write("schema/migrations/20260101000004_broken.sql", "CREATE TABLE broken (x no_such_type);\n");
  project.rehash();
  run = project.strata({"migrate", "--url", url_of(database), "--format", "json"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  const auto last = nlohmann::json::parse(lines_of(run.out).back());
  EXPECT_EQ(last["event"], "error") << run.out;
  EXPECT_TRUE(contains(run.err, "error: ")) << run.all();
  EXPECT_TRUE(contains(run.err, "20260101000004_broken.sql:1:")) << run.all();
  EXPECT_TRUE(contains(run.err, "42704")) << run.all();
}

TEST_F(RunnerCommands, EditedAndMissingMigrationsAreRefusedUntilRepaired) {
  ScratchDb database("cli_repair");
  const auto url = url_of(database);
  ASSERT_EQ(project.strata({"migrate", "--url", url}).exit_code, 0);

  // A deliberate edit of an applied migration, confirmed with strata hash.
  project.write("schema/migrations/20260101000003_add_users_name.sql", "-- nullable on purpose\nALTER TABLE users ADD COLUMN name text;\n");
  project.rehash();
  auto run = project.strata({"status", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.out, "edited")) << run.all();
  run = project.strata({"migrate", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "20260101000003_add_users_name")) << run.all();

  run = project.strata({"repair", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "20260101000003")) << run.all();
  EXPECT_EQ(project.strata({"status", "--url", url}).exit_code, 0);

  // A deleted migration file: missing until forgotten.
  fs::remove(project.migrations_dir() / "20260101000003_add_users_name.sql");
  fs::remove(project.migrations_dir() / "20260101000003_add_users_name.down.sql");
  project.rehash();
  run = project.strata({"status", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.out, "missing")) << run.all();
  ASSERT_EQ(project.strata({"repair", "--url", url, "--forget-missing"}).exit_code, 0);
  run = project.strata({"status", "--url", url});
  EXPECT_EQ(run.exit_code, 0) << run.all();
}

TEST_F(RunnerCommands, IntegrityProblemsStopMigrate) {
  ScratchDb database("cli_integrity");
  project.write("schema/migrations/20260101000002_create_tasks.sql", "CREATE TABLE tasks (id int);\n");  // no strata hash
  const auto run = project.strata({"migrate", "--url", url_of(database)});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "20260101000002_create_tasks.sql")) << run.all();
  EXPECT_FALSE(table_exists(database, "public.users"));
}

// dev -> test -> prod, prod protected.
class Environments : public RunnerCommands {
 protected:
  void SetUp() override {
    RunnerCommands::SetUp();
    project.write_project(R"({
      "backup_dir": "backups",
      "environments": [
        {"name": "dev", "url_env": "DEV_DATABASE_URL"},
        {"name": "test", "url_env": "TEST_DATABASE_URL"},
        {"name": "prod", "url_env": "PROD_DATABASE_URL", "protected": true}
      ]})");
  }
  strata::testing::Variables variables() const {
    return {{"DEV_DATABASE_URL", url_of(dev)}, {"TEST_DATABASE_URL", url_of(test)}, {"PROD_DATABASE_URL", url_of(prod)}};
  }
  ScratchDb dev{"cli_env_dev"}, test{"cli_env_test"}, prod{"cli_env_prod"};
};

TEST_F(Environments, ProtectedNeedsYesAndTheEnvironmentBeforeItFirst) {
  auto run = project.strata({"migrate", "--env", "prod"}, variables());
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "not applied to test")) << run.all();  // checked before asking

  run = project.strata({"migrate", "--env", "prod", "--yes"}, variables());
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "refusing to apply to prod")) << run.all();
  EXPECT_TRUE(contains(run.err, "  20260101000001_create_users: not applied to test")) << run.all();
  EXPECT_FALSE(table_exists(prod, "public.users"));

  // test has the first two: prod may have those, not the third.
  ASSERT_EQ(project.strata({"migrate", "--env", "test", "--to", kTasks}, variables()).exit_code, 0);
  run = project.strata({"migrate", "--env", "prod", "--yes"}, variables());
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "20260101000003_add_users_name: not applied to test")) << run.all();
  EXPECT_FALSE(contains(run.err, "20260101000001_create_users")) << run.all();

  // Without --yes and no terminal to ask on: refused, nothing applied, no backup taken.
  run = project.strata({"migrate", "--env", "prod", "--to", kTasks}, variables());
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "prod is a protected environment: pass --yes")) << run.all();
  EXPECT_FALSE(fs::exists(project.root() / "backups"));

  run = project.strata({"migrate", "--env", "prod", "--to", kTasks, "--yes"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(table_exists(prod, "public.tasks"));
  EXPECT_TRUE(contains(run.out, "backup: " + (project.root() / "backups" / "prod-").string())) << run.all();

  // The environment before prod must be reachable: its variable unset is an error saying so.
  auto without_test = variables();
  without_test["TEST_DATABASE_URL"] = std::nullopt;
  run = project.strata({"migrate", "--env", "prod", "--yes"}, without_test);
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "TEST_DATABASE_URL is not set")) << run.all();

  // A non-protected environment needs neither.
  run = project.strata({"migrate", "--env", "dev"}, variables());
  EXPECT_EQ(run.exit_code, 0) << run.all();

  // Rolling back a protected environment needs --yes as well.
  run = project.strata({"rollback", "--env", "prod"}, variables());
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "prod is a protected environment: pass --yes to roll back")) << run.all();
  EXPECT_TRUE(table_exists(prod, "public.tasks"));
  run = project.strata({"rollback", "--env", "prod", "--yes", "--no-backup"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_FALSE(table_exists(prod, "public.tasks"));
}

TEST_F(Environments, BackupBeforeApplyingAndRestoreBringsBackADroppedTable) {
  // The protected environment is backed up (no "backup" key: protected implies it).
  ASSERT_EQ(project.strata({"migrate", "--env", "test", "--to", kUsers}, variables()).exit_code, 0);
  auto run = project.strata({"migrate", "--env", "prod", "--to", kUsers, "--yes", "--no-backup"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_FALSE(fs::exists(project.root() / "backups")) << "--no-backup took a backup";
  exec(prod.connection_string(), "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com')");

  ASSERT_EQ(project.strata({"migrate", "--env", "test", "--to", kTasks}, variables()).exit_code, 0);
  run = project.strata({"migrate", "--env", "prod", "--to", kTasks, "--yes"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  std::vector<fs::path> backups;
  for (const auto& entry : fs::directory_iterator(project.root() / "backups")) backups.push_back(entry.path());
  ASSERT_EQ(backups.size(), 1u);
  const auto file = backups[0];
  EXPECT_TRUE(contains(run.out, "backup: " + file.string())) << run.all();
  // prod-yyyymmddTHHMMSSZ.dump, readable only by its owner.
  EXPECT_EQ(file.filename().string().size(), std::string("prod-20260101T000000Z.dump").size()) << file;
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);

  exec(prod.connection_string(), "DROP TABLE tasks; DROP TABLE users");
  run = project.strata({"restore", "--env", "prod", "--file", file.string()}, variables());
  EXPECT_EQ(run.exit_code, 1) << run.all();  // protected: --yes
  EXPECT_FALSE(table_exists(prod, "public.users"));
  run = project.strata({"restore", "--env", "prod", "--file", file.string(), "--yes"}, variables());
  ASSERT_EQ(run.exit_code, 0) << run.all();
  ASSERT_TRUE(table_exists(prod, "public.users"));
  EXPECT_EQ(exec(prod.connection_string(), "SELECT count(*) FROM users")[0][0].as<int>(), 2);
  EXPECT_EQ(applied_count(prod), 1);  // the history as it was at the backup
}

TEST_F(Environments, StatusAllShowsEveryEnvironmentAndWhatIsReadyToPromote) {
  ASSERT_EQ(project.strata({"migrate", "--env", "dev"}, variables()).exit_code, 0);
  ASSERT_EQ(project.strata({"migrate", "--env", "test", "--to", kUsers}, variables()).exit_code, 0);
  auto partial = variables();
  partial["PROD_DATABASE_URL"] = std::nullopt;
  auto run = project.strata({"status", "--all"}, partial);
  EXPECT_EQ(run.exit_code, 1) << run.all();
  const auto lines = lines_of(run.out);
  ASSERT_GE(lines.size(), 4u) << run.all();
  EXPECT_TRUE(contains(lines[0], "MIGRATION") && contains(lines[0], "dev") && contains(lines[0], "test") &&
              contains(lines[0], "prod"))
      << run.all();
  EXPECT_TRUE(contains(lines[1], "20260101000001_create_users") && contains(lines[1], "applied") &&
              contains(lines[1], "unset"))
      << run.all();
  EXPECT_TRUE(contains(lines[2], "applied") && contains(lines[2], "pending")) << run.all();
  EXPECT_TRUE(contains(run.out, "prod: PROD_DATABASE_URL is not set")) << run.all();
  EXPECT_TRUE(contains(run.out, "ready to promote dev -> test: 20260101000002_create_tasks 20260101000003_add_users_name"))
      << run.all();
  EXPECT_TRUE(contains(run.out, "ready to promote test -> prod: cannot tell")) << run.all();

  // An unreachable one is shown as such, its password nowhere.
  auto unreachable = variables();
  unreachable["PROD_DATABASE_URL"] = "postgresql://app:hunter2secret@/app?host=/nonexistent-socket-dir";
  run = project.strata({"status", "--all", "--format", "json"}, unreachable);
  EXPECT_EQ(run.exit_code, 1) << run.all();
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["environments"].size(), 3u);
  EXPECT_EQ(json["environments"][0]["availability"], "ok");
  EXPECT_EQ(json["environments"][0]["current"], true);
  EXPECT_EQ(json["environments"][2]["availability"], "unreachable");
  EXPECT_EQ(json["ready_to_promote"][0]["migrations"].size(), 2u);
  EXPECT_FALSE(contains(run.all(), "hunter2secret")) << run.all();
}

TEST_F(RunnerCommands, BaselineAcceptsAMatchingDatabaseAndRefusesADifferentOne) {
  ScratchDb matching("cli_baseline_ok");
  build_by_hand(matching);
  auto run = project.strata({"baseline", "--url", url_of(matching), "--version", kName});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_EQ(applied_count(matching), 3);
  EXPECT_EQ(project.strata({"status", "--url", url_of(matching)}).exit_code, 0);

  ScratchDb different("cli_baseline_bad");
  build_by_hand(different);
  exec(different.connection_string(), "ALTER TABLE users ADD COLUMN nickname text");
  run = project.strata({"baseline", "--url", url_of(different), "--version", kName});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "does not match")) << run.all();
  EXPECT_TRUE(contains(run.err, "unexpected: column:public.users.nickname")) << run.all();
  EXPECT_FALSE(table_exists(different, "strata.migrations"));

  // Up to an earlier version, the hand-built database has more than the migrations build.
  ScratchDb ahead("cli_baseline_ahead");
  build_by_hand(ahead);
  run = project.strata({"baseline", "--url", url_of(ahead), "--version", kUsers});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "unexpected: table:public.tasks")) << run.all();
}

TEST_F(RunnerCommands, VerifyDetectsDriftAndPrintsTheSqlThatUndoesIt) {
  ScratchDb database("cli_verify");
  const auto url = url_of(database);
  ASSERT_EQ(project.strata({"migrate", "--url", url, "--to", kTasks}).exit_code, 0);
  auto run = project.strata({"verify", "--url", url});
  EXPECT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "no drift")) << run.all();

  exec(database.connection_string(), "ALTER TABLE users ADD COLUMN extra integer");
  run = project.strata({"verify", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.out, "column:public.users.extra")) << run.all();
  EXPECT_TRUE(contains(run.out, "ALTER TABLE public.users DROP COLUMN extra;")) << run.all();
  // Pending migrations are not drift: add_users_name is not applied and not expected.
  EXPECT_FALSE(contains(run.out, "users.name")) << run.all();
}

// Makes the shared cluster ask role `pw_user` (password "right") for its password; every other
// role keeps trust authentication.
void require_password_for_pw_user() {
  const auto& cluster = strata::testing::shared_cluster();
  const auto hba = cluster.directory() / "data" / "pg_hba.conf";
  std::string text;
  {
    std::ifstream in(hba);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  if (text.find("pw_user") == std::string::npos) {
    std::ofstream(hba) << "local all pw_user scram-sha-256\n" << text;
  }
  exec(cluster.connection_string("postgres"),
       "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pw_user') THEN "
       "CREATE ROLE pw_user LOGIN PASSWORD 'right'; END IF; END$$; SELECT pg_reload_conf()");
}

TEST_F(RunnerCommands, PasswordsAreNeverPrinted) {
  const auto& cluster = strata::testing::shared_cluster();
  const std::string socket = cluster.socket_dir().string();
  const std::string where = "host=" + socket + "&port=" + std::to_string(cluster.port());
  require_password_for_pw_user();
  for (const std::string& url : std::vector<std::string>{
           // a wrong password
           "postgresql://pw_user:hunter2secret@/postgres?" + where,
           // a role that does not exist, with a password
           "postgresql://nosuchrole:hunter2secret@/postgres?" + where,
           // nothing listening
           std::string("postgresql://app:hunter2secret@/app?host=/nonexistent-socket-dir"),
           // not a valid URL
           std::string("postgresql://app:hunter2secret@host:notaport/app"),
           std::string("host=/nonexistent-socket-dir password=hunter2secret dbname=app"),
       }) {
    for (const std::string command : {"migrate", "status", "verify"}) {
      const auto run = project.strata({command, "--url", url});
      EXPECT_EQ(run.exit_code, 1) << command << " " << run.all();
      EXPECT_FALSE(contains(run.all(), "hunter2secret")) << command << " " << run.all();
      EXPECT_TRUE(contains(run.err, "error: ")) << command << " " << run.all();
    }
  }
  // The right password works (so the wrong one failed for the right reason), and is not printed.
  const auto run = project.strata({"status", "--url", "postgresql://pw_user:right@/postgres?" + where});
  EXPECT_EQ(run.exit_code, 1) << run.all();  // reachable, nothing applied
  EXPECT_TRUE(contains(run.out, "postgresql://pw_user:****@/postgres")) << run.all();
  EXPECT_FALSE(contains(run.all(), "right@")) << run.all();
  const auto wrong = project.strata({"status", "--url", "postgresql://pw_user:hunter2secret@/postgres?" + where});
  EXPECT_TRUE(contains(wrong.err, "password authentication failed")) << wrong.all();

  // pg_dump gets the password through PGPASSWORD, not its command line: it authenticates...
  const auto file = strata::backup::dump("postgresql://pw_user:right@/postgres?" + where, project.root() / "dumps", "pw");
  EXPECT_TRUE(fs::is_regular_file(file)) << file;
  // ... and a wrong one fails without showing it, leaving no file behind.
  try {
    strata::backup::dump("postgresql://pw_user:hunter2secret@/postgres?" + where, project.root() / "dumps", "pw2");
    ADD_FAILURE() << "a wrong password dumped";
  } catch (const strata::backup::BackupError& error) {
    EXPECT_TRUE(contains(error.what(), "password authentication failed")) << error.what();
    EXPECT_FALSE(contains(error.what(), "hunter2secret")) << error.what();
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(project.root() / "dumps"), fs::directory_iterator()), 1);
}

}  // namespace
