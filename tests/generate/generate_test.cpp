// `strata generate`, `strata new` and `strata hash`, run as a user would run them, on temporary
// project directories. After every generate, all migrations are replayed from scratch into a
// fresh database, which must hold exactly the declared schema.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <pqxx/pqxx>

#include "strata/generate.h"
#include "strata/introspect.h"
#include "strata/replay.h"
#include "strata/load.h"
#include "strata/migration_integrity.h"
#include "run_strata.h"
#include "test_cluster.h"

namespace {

namespace fs = std::filesystem;
using strata::testing::Run;
using strata::testing::shared_cluster;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A private throwaway cluster per invocation: nothing is left behind in a cache.
Run strata(const std::vector<std::string>& arguments) { return strata::testing::run_strata(arguments); }

class Project : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("strata-generate-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(schema());
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path schema() const { return root_ / "schema"; }
  fs::path migrations() const { return schema() / "migrations"; }
  void declare(const std::string& text) { std::ofstream(schema() / "schema.sql") << text; }

  strata::testing::Run generate(std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments{"generate", "--schema", schema().string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return strata(arguments);
  }

  std::vector<std::string> files() const {
    std::vector<std::string> names;
    if (!fs::exists(migrations())) return names;
    for (const auto& entry : fs::directory_iterator(migrations())) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  // The newest up migration whose name contains `part`.
  fs::path newest(const std::string& part) const {
    fs::path found;
    for (const auto& name : files()) {
      if (name.find(part) != std::string::npos && name.find(".down.") == std::string::npos &&
          name != strata::migrations::kIntegrityFileName) {
        found = migrations() / name;
      }
    }
    return found;
  }

  // Replays every migration into a fresh database: it must hold exactly the declared schema.
  void expect_migrations_build_the_schema() {
    strata::testing::ScratchDb db("gen_replay");
    strata::replay::apply(db.connection_string(), strata::migrations::read_directory(migrations()));
    const auto replayed = strata::introspect::introspect(db.connection_string()).catalog;
    const auto declared = strata::load::load_schema(shared_cluster(), strata::load::read_schema_files(schema())).catalog;
    const auto differences = strata::model::differences(declared, replayed);
    std::string text;
    for (const auto& line : differences) text += line + "\n";
    EXPECT_TRUE(differences.empty()) << text;
  }

  void generate_ok(const std::string& expected_slug, std::vector<std::string> extra = {}) {
    const auto before = files().size();
    const auto run = generate(extra);
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_GT(files().size(), before) << run.out << run.err;
    if (!expected_slug.empty()) {
      EXPECT_FALSE(newest("_" + expected_slug + ".sql").empty()) << "no *_" << expected_slug << ".sql in\n" << run.out;
    }
    expect_migrations_build_the_schema();
  }

  fs::path root_;
};

const std::string kUsers =
    "CREATE TABLE users (\n"
    "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
    "  mail text NOT NULL\n"
    ");\n";

// kUsers with its column `mail` renamed to `email`.
const std::string kUsersWithMailRenamed =
    "CREATE TABLE users (\n"
    "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
    "  -- strata:renamed-from mail\n"
    "  email text NOT NULL\n"
    ");\n";

// On a terminal, generate says on stderr what it is doing while it works (one line rewritten in
// place, erased at the end); piped, as in every other test here, it prints none of it.
TEST_F(Project, ProgressOnATerminalOnly) {
  declare(kUsers);
  const auto piped = generate();
  ASSERT_EQ(piped.exit_code, 0) << piped.all();
  EXPECT_EQ(piped.err.find("strata generate: "), std::string::npos) << piped.err;

  declare(kUsers + "CREATE TABLE teams (id bigint PRIMARY KEY);\n");
  // util-linux's script(1) runs the command on a pseudo-terminal and copies what it printed.
  const fs::path typescript = root_ / "typescript";
  const std::string command = std::string(STRATA_CLI_PATH) + " --no-cluster-cache generate --schema " + schema().string();
  const int code = std::system(("script -qec '" + command + "' " + typescript.string() + " > /dev/null 2>&1").c_str());
  ASSERT_EQ(code, 0) << read_text(typescript);
  const auto text = read_text(typescript);
  EXPECT_NE(text.find("strata generate: replaying 1 migration and loading the declared schema ... ("), std::string::npos) << text;
  EXPECT_NE(text.find("strata generate: proving the migration (up, down, 20 rows per table) ... ("), std::string::npos) << text;
  EXPECT_NE(text.find("\r\033[K"), std::string::npos) << "the line is erased";
  EXPECT_NE(text.find("wrote "), std::string::npos) << text;
}

TEST_F(Project, FirstMigrationThenUpToDate) {
  declare(kUsers);
  generate_ok("create_users");
  const auto up = newest("create_users");
  ASSERT_FALSE(up.empty());
  EXPECT_TRUE(fs::exists(fs::path(up).replace_extension("").string() + ".down.sql"));
  EXPECT_NE(read_text(up).find("CREATE TABLE public.users"), std::string::npos) << read_text(up);
  EXPECT_TRUE(strata::migrations::verify_integrity(migrations(), strata::migrations::read_directory(migrations())).empty());
  EXPECT_TRUE(std::regex_match(up.filename().string(), std::regex(R"(\d{14}_create_users\.sql)"))) << up;

  const auto count = files().size();
  const auto again = generate();
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("schema is up to date"), std::string::npos) << again.out;
  EXPECT_EQ(files().size(), count);

  const auto check = generate({"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  // Settled before, unchanged since: told from the catalog cache, without a cluster.
  const auto cached = strata({"--timings", "generate", "--schema", schema().string(), "--check"});
  EXPECT_EQ(cached.exit_code, 0) << cached.out << cached.err;
  EXPECT_NE(cached.err.find("\"from_cache\":true"), std::string::npos) << cached.err;
  const auto off = strata::testing::run_strata({"--timings", "generate", "--schema", schema().string(), "--check"},
                                              fs::current_path(), {{"STRATA_CATALOG_CACHE", "off"}});
  EXPECT_EQ(off.exit_code, 0) << off.out << off.err;
  EXPECT_NE(off.err.find("\"from_cache\":false"), std::string::npos) << off.err;
}

TEST_F(Project, EmptySchemaDirectoryGivesAFirstMigrationOfSeveralObjects) {
  declare("CREATE TYPE status AS ENUM ('open', 'done');\n" + kUsers +
          "CREATE TABLE tasks (id int PRIMARY KEY, owner bigint REFERENCES users, status status NOT NULL);\n");
  generate_ok("initial_schema");
}

TEST_F(Project, SchemaEvolvesStepByStep) {
  declare("CREATE TYPE status AS ENUM ('open', 'done');\n" + kUsers);
  generate_ok("");

  // a table
  declare("CREATE TYPE status AS ENUM ('open', 'done');\n" + kUsers +
          "CREATE TABLE tasks (id int PRIMARY KEY, owner bigint REFERENCES users, title text NOT NULL);\n");
  generate_ok("create_tasks");

  // a column
  declare("CREATE TYPE status AS ENUM ('open', 'done');\n" + kUsers +
          "CREATE TABLE tasks (id int PRIMARY KEY, owner bigint REFERENCES users, title text NOT NULL, status status);\n");
  generate_ok("add_tasks_status");

  // a hand-written data migration in between: strata new, edit, strata hash
  {
    const auto run = strata({"new", "--name", "Backfill Status", "--migrations", migrations().string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto up = newest("backfill_status");
    ASSERT_FALSE(up.empty()) << run.out;
    std::ofstream(up, std::ios::app) << "UPDATE tasks SET status = 'open' WHERE status IS NULL;\n";
    const auto refused = generate({"--check"});
    EXPECT_EQ(refused.exit_code, 1) << "an edit without `strata hash` must be caught";
    EXPECT_NE(refused.err.find(up.filename().string()), std::string::npos) << refused.err;
    const auto hash = strata({"hash", "--migrations", migrations().string()});
    ASSERT_EQ(hash.exit_code, 0) << hash.err;
    const auto check = generate({"--check"});
    EXPECT_EQ(check.exit_code, 0) << check.err;
  }

  // an index: on an existing table it is built CONCURRENTLY in a separate no-transaction migration
  const std::string with_index = "CREATE TYPE status AS ENUM ('open', 'done');\n" + kUsers +
                                 "CREATE TABLE tasks (id int PRIMARY KEY, owner bigint REFERENCES users, title text NOT "
                                 "NULL, status status);\nCREATE INDEX tasks_by_owner ON tasks (owner);\n";
  declare(with_index);
  generate_ok("");
  if (const auto online = newest("_online"); !online.empty()) {
    EXPECT_TRUE(strata::migrations::parse_pragmas(read_text(online)).no_transaction) << read_text(online);
    EXPECT_NE(read_text(online).find("CONCURRENTLY"), std::string::npos) << read_text(online);
  } else {
    std::cerr << "note: the diff engine does not mark online index builds yet (no *_online.sql)\n";
  }

  // an enum value
  const std::string with_enum = "CREATE TYPE status AS ENUM ('open', 'blocked', 'done');\n" +
                                with_index.substr(with_index.find('\n') + 1);
  declare(with_enum);
  generate_ok("");

  // a view
  declare(with_enum + "CREATE VIEW open_tasks AS SELECT id, title FROM tasks WHERE status = 'open';\n");
  generate_ok("create_open_tasks");

  const auto check = generate({"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST_F(Project, DropColumnIsRefusedUntilAllowed) {
  declare("CREATE TABLE users (id int PRIMARY KEY, mail text, legacy text);\n");
  generate_ok("create_users");
  declare("CREATE TABLE users (id int PRIMARY KEY, mail text);\n");
  const auto count = files().size();

  const auto refused = generate();
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("destructive"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("legacy"), std::string::npos) << refused.err;
  EXPECT_EQ(files().size(), count) << "a refusal writes nothing";

  generate_ok("drop_users_legacy", {"--allow-destructive"});
  const auto up = newest("drop_users_legacy");
  EXPECT_TRUE(strata::migrations::parse_pragmas(read_text(up)).destructive) << read_text(up);
}

// Every migration is proven on synthetic rows: what they would break is refused, naming it;
// what keeps them is written, saying on how many rows it was proven.
TEST_F(Project, TheProofOnDataRefusesWhatRowsBreak) {
  declare("CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
          "CREATE TABLE notes (id int PRIMARY KEY, code varchar(20) NOT NULL, mood mood);\n");
  generate_ok("");
  declare("CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
          "CREATE TABLE notes (id int PRIMARY KEY, code varchar(40) NOT NULL, mood mood);\n");
  const auto widened = generate();
  ASSERT_EQ(widened.exit_code, 0) << widened.out << widened.err;
  EXPECT_NE(widened.out.find("proven on 20 synthetic rows (1 of 1 tables filled)"), std::string::npos) << widened.out;

  // Seed files instead of synthetic rows: they run on the state before the migration.
  fs::create_directories(root_ / "seed");
  std::ofstream(root_ / "seed" / "notes.sql") << "INSERT INTO notes VALUES (1, 'a seeded note', 'sad');\n";
  declare("CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
          "CREATE TABLE notes (id int PRIMARY KEY, code varchar(40) NOT NULL, mood mood, seen boolean DEFAULT false);\n");
  const auto seeded = generate({"--proof-rows", "0", "--proof-seed-dir", (root_ / "seed").string()});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.out << seeded.err;
  EXPECT_NE(seeded.out.find("proven on the rows of 1 seed file(s)"), std::string::npos) << seeded.out;
  declare("CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
          "CREATE TABLE notes (id int PRIMARY KEY, code varchar(40) NOT NULL, mood mood);\n");

  const auto count = files().size();
  declare("CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
          "CREATE TABLE notes (id int PRIMARY KEY, code varchar(4) NOT NULL, mood mood);\n");
  const auto narrowed = generate({"--allow-destructive"});
  EXPECT_EQ(narrowed.exit_code, 1);
  EXPECT_NE(narrowed.err.find("value too long for type character varying(4)"), std::string::npos) << narrowed.err;

  declare("CREATE TYPE mood AS ENUM ('ok');\n"
          "CREATE TABLE notes (id int PRIMARY KEY, code varchar(40) NOT NULL, mood mood);\n");
  const auto label_removed = generate({"--allow-destructive"});
  EXPECT_EQ(label_removed.exit_code, 1);
  EXPECT_NE(label_removed.err.find("invalid input value for enum mood: \"sad\""), std::string::npos)
      << label_removed.err;
  declare("CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
          "CREATE TABLE notes (id int PRIMARY KEY, code varchar(40) NOT NULL, mood mood);\n"
          "CREATE UNIQUE INDEX notes_one_per_mood ON notes (mood);\n");
  const auto duplicates = generate({"--allow-destructive"});
  EXPECT_EQ(duplicates.exit_code, 1);
  EXPECT_NE(duplicates.err.find("could not create unique index \"notes_one_per_mood\""), std::string::npos)
      << duplicates.err;
  EXPECT_EQ(files().size(), count) << "a refusal writes nothing";
}

// A NOT NULL column without a default fails on rows: the proof on data refuses it. Proven on
// empty tables only, generate writes it and says at once what CI's lint will report.
TEST_F(Project, ARequiredColumnWithoutDefaultIsRefusedOnRowsOrWrittenWithItsLintFinding) {
  declare(kUsers);
  generate_ok("create_users");
  declare("CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  mail text NOT NULL,\n"
          "  level integer NOT NULL\n);\n");
  const auto refused = generate();
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("column \"level\" of relation \"users\" contains null values"), std::string::npos)
      << refused.err;
  const auto run = generate({"--proof-rows", "0"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.err.find("warning: column public.users.level is added NOT NULL without a default"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("error [not-null-without-default]"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("_add_users_level.sql:3:"), std::string::npos) << run.err;  // the statement, in the written file

  // An everyday change: no lint output at all.
  declare("CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  mail text NOT NULL,\n"
          "  level integer NOT NULL,\n  note text\n);\n");
  const auto clean = generate();
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_EQ(clean.err.find("strata lint"), std::string::npos) << clean.err;
}

// The online forms of NOT NULL and UNIQUE, applied by the runner to a table with rows: they go
// through when the data allows, and when it does not, the online part stops at the statement
// that found it (the main part stays applied, the rest of the online file is not run).
TEST_F(Project, OnlineNotNullAndUniqueOnATableWithRows) {
  declare("CREATE TABLE users (id bigint PRIMARY KEY, mail text, nick text);\n");
  generate_ok("create_users");
  strata::testing::ScratchDb database("online_rows");
  const std::string url = shared_cluster().url(database.name());
  ASSERT_EQ(strata({"migrate", "--url", url, "--migrations", migrations().string()}).exit_code, 0);
  const auto query = [&](const std::string& sql) {
    pqxx::connection connection(database.connection_string());
    pqxx::nontransaction work(connection);
    const auto result = work.exec(sql);
    return result.empty() ? std::string() : std::string(result[0][0].c_str());
  };
  query("INSERT INTO users VALUES (1, 'a@example.com', 'a'), (2, 'b@example.com', 'b')");

  declare("CREATE TABLE users (id bigint PRIMARY KEY, mail text NOT NULL UNIQUE, nick text);\n");
  generate_ok("");
  const auto applied = strata({"migrate", "--url", url, "--migrations", migrations().string()});
  ASSERT_EQ(applied.exit_code, 0) << applied.out << applied.err;
  EXPECT_EQ(query("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'mail'"), "t");
  EXPECT_EQ(query("SELECT count(*) FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'c'"), "0");
  EXPECT_EQ(query("SELECT count(*) FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'u'"), "1");
  EXPECT_EQ(query("SELECT count(*) FROM users"), "2");

  // A NULL in the column: VALIDATE fails, naming the check; the column stays nullable.
  query("INSERT INTO users VALUES (3, 'c@example.com', NULL)");
  declare("CREATE TABLE users (id bigint PRIMARY KEY, mail text NOT NULL UNIQUE, nick text NOT NULL);\n");
  generate_ok("");
  const auto refused = strata({"migrate", "--url", url, "--migrations", migrations().string()});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("users_nick_not_null"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("23514"), std::string::npos) << refused.err;  // check_violation
  EXPECT_EQ(query("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'nick'"), "f");
  EXPECT_EQ(query("SELECT count(*) FROM users"), "3");
}

TEST_F(Project, RenamedColumnKeepsItsRows) {
  declare(kUsers);
  generate_ok("create_users");
  declare(kUsersWithMailRenamed);
  const auto run = generate();
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("rename column public.users.mail to email"), std::string::npos) << run.out;
  expect_migrations_build_the_schema();

  // rows inserted into a database built from the earlier migrations survive the rename
  const auto all = strata::migrations::read_directory(migrations());
  ASSERT_GE(all.size(), 2u);
  const std::vector<strata::migrations::Migration> earlier(all.begin(), all.end() - 1);
  strata::testing::ScratchDb db("gen_rows");
  strata::replay::apply(db.connection_string(), earlier);
  strata::testing::exec(db.connection_string(), "INSERT INTO users (mail) VALUES ('a@example.com'), ('b@example.com')");
  strata::replay::apply(db.connection_string(), all);
  const auto rows = strata::testing::exec(db.connection_string(), "SELECT string_agg(email, ',' ORDER BY id) FROM users");
  EXPECT_EQ(rows.at(0).at(0).as<std::string>(), "a@example.com,b@example.com");
}

// The online part (the new index, built CONCURRENTLY) runs after the rename: its down file
// drops the index under the new names, instead of refusing to run.
TEST_F(Project, ARenameWithANewIndexHasAnOnlineDownThatRuns) {
  declare(kUsers);
  generate_ok("create_users");
  declare(kUsersWithMailRenamed + "CREATE INDEX users_email ON users (email);\n");
  const auto run = generate();
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.err.find("no down migration"), std::string::npos) << run.err;
  const fs::path online = newest("_online");
  ASSERT_FALSE(online.empty()) << run.out;
  fs::path online_down = online;
  online_down.replace_extension(".down.sql");
  const std::string down = read_text(online_down);
  EXPECT_EQ(down.find("RAISE EXCEPTION"), std::string::npos) << down;
  EXPECT_NE(down.find("DROP INDEX public.users_email;"), std::string::npos) << down;
}

TEST_F(Project, CheckFailsWhenTheSchemaHasUncoveredChanges) {
  declare(kUsers);
  generate_ok("create_users");
  ASSERT_EQ(generate({"--check"}).exit_code, 0);
  ASSERT_EQ(generate({"--check"}).exit_code, 0);  // settled, and kept in the catalog cache
  declare(kUsers + "CREATE TABLE extra (id int);\n");
  const auto check = generate({"--check"});
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("no migration"), std::string::npos) << check.err;
  EXPECT_NE(check.err.find("public.extra"), std::string::npos) << check.err;
}

class TamperedHistory : public Project {
 protected:
  void SetUp() override {
    Project::SetUp();
    declare(kUsers);
    generate_ok("create_users");
    declare(kUsers + "CREATE TABLE extra (id int);\n");
    generate_ok("create_extra");
    ASSERT_EQ(generate({"--check"}).exit_code, 0);  // settled and cached: a tampered history is refused all the same
    declare(kUsers + "CREATE TABLE extra (id int);\nCREATE TABLE more (id int);\n");
  }
  void expect_refused_naming(const std::string& file) {
    const auto count = files().size();
    for (const auto& flags : {std::vector<std::string>{}, {"--check"}}) {
      const auto run = generate(flags);
      EXPECT_EQ(run.exit_code, 1) << run.out;
      EXPECT_NE(run.err.find(file), std::string::npos) << run.err;
    }
    EXPECT_EQ(files().size(), count);
  }
};

TEST_F(TamperedHistory, EditedMigrationIsNamed) {
  const auto first = newest("create_users");
  std::ofstream(first, std::ios::app) << "-- an innocent edit\n";
  expect_refused_naming(first.filename().string());
}

TEST_F(TamperedHistory, DeletedMigrationIsNamed) {
  const auto first = newest("create_users");
  const auto name = first.filename().string();
  fs::remove(first);
  fs::remove(fs::path(first).replace_extension("").string() + ".down.sql");
  expect_refused_naming(name);
}

TEST_F(TamperedHistory, ReorderedPairIsNamed) {
  // Swap the versions of the two migrations (the files keep their text).
  auto all = strata::migrations::read_directory(migrations());
  ASSERT_EQ(all.size(), 2u);
  const auto swap = [&](const strata::migrations::Migration& m, const std::string& version) {
    fs::rename(m.up.path, migrations() / (version + "_" + m.slug + ".tmp"));
    if (m.down) fs::rename(m.down->path, migrations() / (version + "_" + m.slug + ".down.tmp"));
  };
  swap(all[0], all[1].version);
  swap(all[1], all[0].version);
  for (const auto& entry : fs::directory_iterator(migrations())) {
    if (entry.path().extension() == ".tmp") fs::rename(entry.path(), fs::path(entry.path()).replace_extension(".sql"));
  }
  expect_refused_naming("create_extra");
  const auto run = generate({"--check"});
  EXPECT_NE(run.err.find("moved to a different version"), std::string::npos) << run.err;
}

TEST_F(Project, FailingMigrationIsReportedWithFileLineColumn) {
  declare(kUsers);
  generate_ok("create_users");
  const auto run = strata({"new", "--name", "broken", "--migrations", migrations().string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto up = newest("broken");
  std::ofstream(up, std::ios::app) << "UPDATE users SET nosuchcolumn = 1;\n";
  ASSERT_EQ(strata({"hash", "--migrations", migrations().string()}).exit_code, 0);
  const auto failed = generate();
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find(up.string() + ":4:18"), std::string::npos) << failed.err;
}

TEST(GenerateLibrary, SlugsAndVersions) {
  using strata::generate::sanitize_slug;
  EXPECT_EQ(sanitize_slug("Backfill Status!"), "backfill_status");
  EXPECT_EQ(sanitize_slug("--"), "changes");
  EXPECT_EQ(strata::generate::add_seconds("20261231235959", 1), "20270101000000");
}

}  // namespace
