#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <pqxx/pqxx>

#include "strata/introspect.h"
#include "strata/load.h"
#include "test_cluster.h"

namespace strata::load {
namespace {

namespace fs = std::filesystem;

SourceFile file(std::string name, std::string text) { return {std::move(name), std::move(text)}; }

SchemaError load_expecting_error(const std::vector<SourceFile>& files) {
  try {
    load_schema(testing::shared_cluster(), files);
  } catch (const SchemaError& error) {
    return error;
  }
  ADD_FAILURE() << "expected the load to fail";
  return SchemaError({}, "");
}

int scratch_databases_left() {
  pqxx::connection conn(testing::shared_cluster().connection_string());
  pqxx::work tx(conn);
  // Ours only: other test processes may be loading on the same (shared) cluster right now.
  return tx.exec1("SELECT count(*) FROM pg_database WHERE datname LIKE 'strata\\_load\\_" + std::to_string(::getpid()) +
                  "\\_%'")[0].as<int>();
}

TEST(SchemaLoader, SyntaxErrorPointsAtTheOffendingToken) {
  const auto error = load_expecting_error({file("a.sql", "CREATE TABLE a (x int);\n\nCREATE TABLE b (y int,, z int);\n")});
  EXPECT_EQ(error.location().to_string(), "a.sql:3:23");
  EXPECT_EQ(error.sqlstate(), "42601");
  EXPECT_EQ(error.statement(), "CREATE TABLE b (y int,, z int)");
  EXPECT_EQ(scratch_databases_left(), 0);
}

TEST(SchemaLoader, UnknownTypeIsReportedWithLocationAndSqlstate) {
  const auto error = load_expecting_error({file("types.sql", "CREATE TABLE a (\n  id int,\n  v  widget\n);")});
  EXPECT_EQ(error.location().to_string(), "types.sql:3:6");
  EXPECT_EQ(error.sqlstate(), "42704");
  EXPECT_NE(error.message().find("widget"), std::string::npos);
}

TEST(SchemaLoader, FailureMidwayInALaterFileNamesThatFileAndLeavesNothingBehind) {
  const auto error = load_expecting_error({
      file("01_a.sql", "CREATE TABLE a (id int PRIMARY KEY);"),
      file("02_b.sql", "CREATE TABLE b (id int);\nCREATE INDEX ON b (id);\n  ALTER TABLE b ADD FOREIGN KEY (id) REFERENCES nope (id);\nCREATE TABLE c ();"),
  });
  EXPECT_EQ(error.location().file, "02_b.sql");
  EXPECT_EQ(error.location().line, 3);
  EXPECT_EQ(error.sqlstate(), "42P01");
  EXPECT_EQ(scratch_databases_left(), 0);
}

// Members added to a family the schema does not create (PostgreSQL's, an extension's) are
// refused at the statement; a family the schema creates, in any file, takes them.
TEST(SchemaLoader, OnlyFamiliesTheSchemaCreatesTakeMembers) {
  const std::string function = "CREATE FUNCTION cmp_num(numeric, integer) RETURNS integer LANGUAGE sql AS 'SELECT 0';\n";
  const auto error = load_expecting_error({file("ops.sql", function +
      "  ALTER OPERATOR FAMILY integer_ops USING btree ADD FUNCTION 1 (numeric, integer) cmp_num(numeric, integer);\n")});
  EXPECT_EQ(error.location().to_string(), "ops.sql:2:3");
  EXPECT_NE(error.message().find("public.integer_ops USING btree, which this schema does not create"), std::string::npos)
      << error.message();
  EXPECT_NO_THROW(load_schema(testing::shared_cluster(),
                              {file("a.sql", "CREATE OPERATOR FAMILY mine USING btree;\n"),
                               file("b.sql", function + "ALTER OPERATOR FAMILY mine USING btree ADD FUNCTION 1 "
                                                        "(numeric, integer) cmp_num(numeric, integer);\n")}));
}

TEST(SchemaLoader, RuntimeErrorWithoutPositionPointsAtTheStatement) {
  const auto error = load_expecting_error({file("x.sql", "SELECT 1;\n  DO $$ BEGIN RAISE EXCEPTION 'boom'; END $$;")});
  EXPECT_EQ(error.location().to_string(), "x.sql:2:3");
  EXPECT_EQ(error.sqlstate(), "P0001");
  EXPECT_NE(strata::describe(error).find("context: "), std::string::npos) << strata::describe(error);
}

TEST(SchemaLoader, AcceptsPgDumpIdioms) {
  const auto loaded = load_schema(testing::shared_cluster(), {file("dump.sql", R"SQL(
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
CREATE TABLE public.thing (id integer NOT NULL, name text);
ALTER TABLE public.thing OWNER TO postgres;
CREATE SEQUENCE public.thing_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER TABLE public.thing_id_seq OWNER TO postgres;
ALTER SEQUENCE public.thing_id_seq OWNED BY public.thing.id;
ALTER TABLE ONLY public.thing ALTER COLUMN id SET DEFAULT nextval('public.thing_id_seq'::regclass);
ALTER TABLE ONLY public.thing ADD CONSTRAINT thing_pkey PRIMARY KEY (id);
GRANT SELECT ON TABLE public.thing TO reporting;
)SQL")});
  EXPECT_NE(loaded.catalog.find("table:public.thing"), nullptr);
  EXPECT_NE(loaded.catalog.find("constraint:public.thing.thing_pkey"), nullptr);
  EXPECT_NE(loaded.catalog.find("default:public.thing.id"), nullptr);
}

TEST(SchemaLoader, EachFileStartsWithAFreshSession) {
  // The first file empties search_path, as pg_dump output does; the second relies on the default.
  const auto loaded = load_schema(testing::shared_cluster(), {
      file("01.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.a (id int);"),
      file("02.sql", "CREATE TABLE b (id int);"),
  });
  EXPECT_NE(loaded.catalog.find("table:public.b"), nullptr);
}

TEST(SchemaLoader, EmptyDatabaseCatalogMatchesAFreshDatabase) {
  const auto loaded = load_schema(testing::shared_cluster(), {});
  EXPECT_EQ(loaded.catalog.to_json(), empty_database_catalog().to_json());
}

TEST(SchemaFiles, ReadsADirectoryInPathOrderSkippingMigrationsAndSeeds) {
  const fs::path dir = fs::temp_directory_path() / ("strata-schema-files-" + std::to_string(::getpid()));
  fs::create_directories(dir / "migrations");
  fs::create_directories(dir / "seed");
  fs::create_directories(dir / "b_tables");
  std::ofstream(dir / "b_tables" / "t.sql") << "CREATE TABLE t ();";
  std::ofstream(dir / "a_types.sql") << "CREATE TYPE e AS ENUM ('x');";
  std::ofstream(dir / "notes.txt") << "not sql";
  std::ofstream(dir / "migrations" / "20260101000000_init.sql") << "SELECT 1;";
  std::ofstream(dir / "seed" / "data.sql") << "SELECT 1;";
  const auto files = read_schema_files(dir);
  fs::remove_all(dir);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path.filename(), "a_types.sql");
  EXPECT_EQ(files[1].path.filename(), "t.sql");
}

TEST(SchemaFiles, MissingPathIsAClearError) {
  EXPECT_THROW(read_schema_files("/nonexistent/schema"), SchemaError);
}

}  // namespace
}  // namespace strata::load
