// The one source loader: every kind of source, what a loaded schema carries (pragmas, where each
// object was declared), and the diff options a declared schema asks for.
#include <gtest/gtest.h>

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

#include "strata/migration_integrity.h"
#include "strata/runner.h"
#include "strata/source.h"
#include "test_cluster.h"

namespace strata::source {
namespace {

namespace fs = std::filesystem;

class Sources : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata-source-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "migrations");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  void rehash() { migrations::write_integrity_file(dir_ / "migrations", migrations::read_directory(dir_ / "migrations")); }

  Loader loader_{testing::shared_cluster()};
  fs::path dir_;
};

TEST(Source, ParseTellsTheKinds) {
  EXPECT_EQ(Source::parse("empty").kind, Source::Kind::Empty);
  EXPECT_EQ(Source::parse("postgresql://app:secret@db/app").kind, Source::Kind::Database);
  EXPECT_EQ(Source::parse("postgres://db/app").kind, Source::Kind::Database);
  EXPECT_EQ(Source::parse("schema/").kind, Source::Kind::Files);
  const auto replayed = Source::parse("migrations:schema/migrations");
  EXPECT_EQ(replayed.kind, Source::Kind::Migrations);
  EXPECT_EQ(replayed.path, "schema/migrations");
  EXPECT_EQ(Source::parse("postgresql://app:secret@db/app").describe().find("secret"), std::string::npos);
}

TEST_F(Sources, FilesCarryPragmasAndWhereEachObjectWasDeclared) {
  const auto file = write("schema.sql",
                          "-- the users\n"
                          "CREATE TABLE users (\n"
                          "  id bigint PRIMARY KEY,\n"
                          "  -- strata:renamed-from mail\n"
                          "  email text\n"
                          ");\n"
                          "CREATE FUNCTION one(x integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';\n");
  const auto loaded = loader_.load(Source::files(file));
  ASSERT_NE(loaded.catalog.find("table:public.users"), nullptr);
  ASSERT_EQ(loaded.pragmas.size(), 1u);
  EXPECT_EQ(loaded.pragmas[0].object_key, "column:public.users.email");

  const auto at = [&](const std::string& key) {
    const auto* where = loaded.declared_at(key);
    return where ? where->to_string() : std::string("nowhere");
  };
  EXPECT_EQ(at("table:public.users"), file.string() + ":2:1");
  EXPECT_EQ(at("column:public.users.email"), file.string() + ":5:3");
  EXPECT_EQ(at("constraint:public.users.users_pkey"), file.string() + ":2:1");  // implicit: its table's place
  EXPECT_EQ(at("function:public.one(integer)"), file.string() + ":7:1");
  EXPECT_EQ(at("table:public.nothing"), "nowhere");
}

TEST_F(Sources, MigrationsBuildWhatTheirFilesDeclareWithoutTheHistorySchema) {
  write("migrations/20260101000000_create.sql", "CREATE TABLE t (id int PRIMARY KEY, name text);\n");
  rehash();
  const auto file = write("schema.sql", "CREATE TABLE t (id int PRIMARY KEY, name text);\n");
  const auto [replayed, declared] = loader_.load_both(Source::migrations(dir_ / "migrations"), Source::files(file));
  EXPECT_EQ(model::differences(declared.catalog, replayed.catalog), std::vector<std::string>{});
  EXPECT_EQ(replayed.catalog.find("schema:strata"), nullptr);
}

TEST_F(Sources, MigrationsWithABrokenSumAreRefused) {
  write("migrations/20260101000000_create.sql", "CREATE TABLE t (id int);\n");
  rehash();
  write("migrations/20260101000000_create.sql", "CREATE TABLE t (id bigint);\n");  // edited after hashing
  try {
    loader_.load(Source::migrations(dir_ / "migrations"));
    FAIL() << "an edited migration must be refused";
  } catch (const Error& error) {
    EXPECT_NE(error.message().find("strata.sum"), std::string::npos) << error.what();
    EXPECT_FALSE(error.details().empty());
  }
}

TEST_F(Sources, ALiveDatabaseIsReadWithoutTheHistorySchema) {
  testing::ScratchDb database("source_live");
  write("migrations/20260101000000_create.sql", "CREATE TABLE t (id int);\n");
  rehash();
  runner::migrate(database.connection_string(), migrations::read_directory(dir_ / "migrations"));
  const auto live = loader_.load(Source::database(database.connection_string()));
  EXPECT_NE(live.catalog.find("table:public.t"), nullptr);
  for (const auto& [key, object] : live.catalog.objects) EXPECT_NE(object.schema, "strata") << key;
  EXPECT_EQ(live.catalog.find("schema:strata"), nullptr);
}

TEST_F(Sources, ASchemaThatDeclaresTheHistorySchemaIsRefusedWhereItDoes) {
  const auto file = write("schema.sql", "CREATE TABLE t (id int);\n\nCREATE SCHEMA strata;\n");
  try {
    loader_.load(Source::files(file));
    FAIL() << "schema strata is the runner's";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.location().to_string(), file.string() + ":3:1") << error.what();
  }
}

TEST_F(Sources, DiffOptionsCarryRenamesAndApprovals) {
  const auto file = write("schema.sql",
                          "-- strata:allow-destructive\n"
                          "CREATE TABLE accounts (\n"
                          "  id int,\n"
                          "  -- strata:renamed-from mail\n"
                          "  email text\n"
                          ");\n");
  const auto options = diff_options(loader_.load(Source::files(file)));
  EXPECT_EQ(options.renames.at("column:public.accounts.email"), "column:public.accounts.mail");
  EXPECT_TRUE(options.approved_destructive.count("table:public.accounts"));
}

// The catalog cache: a source loaded again unchanged is read back (pragmas and declarations read
// from the files again); an edited one, or one that failed, is loaded again.
TEST_F(Sources, TheCatalogCacheServesOnlyWhatWasLoadedUnchanged) {
  Loader loader(testing::shared_cluster());
  loader.use_catalog_cache(true);
  // This run's own content: an earlier run of this binary may have kept the same schema.
  const std::string unique = "-- run " + std::to_string(::getpid()) + " " + std::to_string(std::time(nullptr)) + "\n";
  const std::string users = unique + "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  -- strata:renamed-from mail\n  email text\n);\n";
  const auto file = write("schema.sql", users);
  const auto first = loader.load(Source::files(file));
  EXPECT_EQ(loader.timings().cache_hits, 0);
  const auto again = loader.load(Source::files(file));
  EXPECT_EQ(loader.timings().cache_hits, 1);
  EXPECT_TRUE(model::differences(first.catalog, again.catalog).empty());
  ASSERT_EQ(again.pragmas.size(), 1u);
  EXPECT_EQ(again.pragmas[0].object_key, "column:public.users.email");
  ASSERT_NE(again.declared_at("table:public.users"), nullptr);
  EXPECT_EQ(again.declared_at("table:public.users")->line, 2);

  write("schema.sql", users + "ALTER TABLE users ADD COLUMN name text;\n");
  const auto edited = loader.load(Source::files(file));
  EXPECT_EQ(loader.timings().cache_hits, 1);
  EXPECT_NE(edited.catalog.find("column:public.users.name"), nullptr);

  write("schema.sql", unique + "CREATE TABLE broken (id nosuchtype);\n");
  for (int attempt = 0; attempt < 2; ++attempt) EXPECT_THROW(loader.load(Source::files(file)), load::SchemaError);

  write("migrations/20260101000000_users.sql", users);
  rehash();
  const auto replayed = loader.load(Source::migrations(dir_ / "migrations"));
  const auto replayed_again = loader.load(Source::migrations(dir_ / "migrations"));
  EXPECT_EQ(loader.timings().cache_hits, 2);
  EXPECT_TRUE(model::differences(replayed.catalog, replayed_again.catalog).empty());
  EXPECT_TRUE(model::differences(first.catalog, replayed_again.catalog).empty());
}

TEST_F(Sources, TheEmptySourceIsAFreshDatabase) {
  testing::ScratchDb database("source_empty");
  const auto [empty, fresh] = loader_.load_both(Source::parse("empty"), Source::database(database.connection_string()));
  EXPECT_EQ(model::differences(empty.catalog, fresh.catalog), std::vector<std::string>{});
}

// Owners and privileges are read as the model names them; a project that manages them elsewhere
// leaves them out of every catalog it loads.
TEST_F(Sources, OwnersAndPrivilegesAreLoadedUnlessTheScopeLeavesThemOut) {
  const auto file = write("schema.sql",
                          "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, name text);\n"
                          "GRANT SELECT, UPDATE (name) ON t TO strata_source_reader;\n"
                          "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO strata_source_reader;\n"
                          "CREATE VIEW v AS SELECT id FROM t;\n"
                          "ALTER VIEW v OWNER TO strata_source_reader;\n"
                          "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO strata_source_reader;\n");
  const auto loaded = loader_.load(Source::files(file));
  const auto* table = loaded.catalog.find("table:public.t");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->owner, model::kCurrentUser);
  EXPECT_EQ(table->acl, model::acl_to_json({{model::kCurrentUser, {"DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"}},
                                            {"strata_source_reader", {"SELECT"}}}));
  EXPECT_EQ(loaded.catalog.find("column:public.t.name")->acl, model::acl_to_json({{"strata_source_reader", {"UPDATE"}}}));
  EXPECT_TRUE(loaded.catalog.find("column:public.t.id")->acl.is_null());
  EXPECT_EQ(loaded.catalog.find("column:public.t.id")->attrs["identity_sequence"]["name"], "t_id_seq");
  EXPECT_EQ(loaded.catalog.find("view:public.v")->owner, "strata_source_reader");
  const auto* defaults = loaded.catalog.find(model::default_privileges_key(model::kCurrentUser, "", "tables"));
  ASSERT_NE(defaults, nullptr);

  Loader narrowed{testing::shared_cluster()};
  narrowed.set_scope(model::Scope{false, false});
  const auto without = narrowed.load(Source::files(file));
  for (const auto& [key, object] : without.catalog.objects) {
    EXPECT_TRUE(object.owner.empty()) << key;
    EXPECT_TRUE(object.acl.is_null()) << key;
    EXPECT_NE(object.kind, model::Kind::DefaultPrivileges) << key;
  }
  EXPECT_FALSE(without.catalog.find("column:public.t.id")->attrs.contains("identity_sequence"));
}

// What the diff assumes a new object gets (model::default_acl) is what PostgreSQL's acldefault()
// gives: checked against the server, so a new version's change shows here.
TEST_F(Sources, TheDefaultPrivilegesOfEachKindAreThoseOfTheServer) {
  const auto file = write("schema.sql",
                          "CREATE SCHEMA s;\nCREATE TABLE s.t (id int);\nCREATE VIEW s.v AS SELECT 1 AS one;\n"
                          "CREATE MATERIALIZED VIEW s.m AS SELECT 1 AS one;\nCREATE SEQUENCE s.q;\n"
                          "CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                          "CREATE TYPE s.e AS ENUM ('a');\nCREATE DOMAIN s.d AS int;\n"
                          "CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER sv FOREIGN DATA WRAPPER w;\n"
                          "CREATE FUNCTION s.h() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler'"
                          " LANGUAGE c;\nCREATE LANGUAGE l HANDLER s.h;\n");
  const auto loaded = loader_.load(Source::files(file));
  const std::set<std::string> database_wide = {"schema:s", "foreign_data_wrapper:w", "server:sv", "language:l"};
  int checked = 0;
  for (const auto& [key, object] : loaded.catalog.objects) {
    if ((object.schema != "s" && !database_wide.count(key)) || object.kind == model::Kind::Column) continue;
    EXPECT_EQ(object.acl, model::acl_to_json(model::default_acl(object.kind, object.owner))) << key;
    ++checked;
  }
  EXPECT_EQ(checked, 12);
}

// `strata diff --prove` / `strata push --prove`: a plan proven on rows, the source state built
// from its catalog (a live source is never touched).
Loaded declared(Loader& loader, const std::string& sql) {
  const auto path = std::filesystem::temp_directory_path() / ("strata-prove-plan-" + std::to_string(::getpid()) + ".sql");
  std::ofstream(path, std::ios::binary) << sql;
  auto loaded = loader.load(Source::files(path));
  std::filesystem::remove(path);
  return loaded;
}

TEST(ProvePlan, APlanThatKeepsTheRowsIsProvenAndOneThatLosesThemIsNot) {
  Loader loader(strata::testing::shared_cluster());
  const auto from = declared(loader, "CREATE TABLE notes (id int PRIMARY KEY, code varchar(10) NOT NULL, n int);");
  const auto wider = declared(loader, "CREATE TABLE notes (id int PRIMARY KEY, code varchar(20) NOT NULL, n bigint);");
  const auto plan = diff::diff(from.catalog, wider.catalog);
  const auto proven = prove_plan(loader.cluster(), from.catalog, wider.catalog, plan, {}, loader.scope());
  EXPECT_TRUE(proven.failures.empty()) << proven.failures.front();
  EXPECT_EQ(proven.filled.summary(), "proven on 20 synthetic rows (1 of 1 tables filled)");

  const auto narrower = declared(loader, "CREATE TABLE notes (id int PRIMARY KEY, code varchar(4) NOT NULL, n int);");
  diff::Options options;
  options.allow_destructive = true;
  const auto lossy = diff::diff(from.catalog, narrower.catalog, options);
  const auto refused = prove_plan(loader.cluster(), from.catalog, narrower.catalog, lossy, options, loader.scope());
  ASSERT_EQ(refused.failures.size(), 2u);
  EXPECT_EQ(refused.failures[0], "the plan does not run: value too long for type character varying(4) (SQLSTATE 22001)");
  EXPECT_EQ(refused.failures[1], "statement: ALTER TABLE public.notes ALTER COLUMN code TYPE character varying(4)");
}

}  // namespace
}  // namespace strata::source
