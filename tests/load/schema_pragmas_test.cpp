#include <gtest/gtest.h>

#include <map>

#include "strata/load.h"

namespace strata::load {
namespace {

SourceFile file(std::string text) { return {"schema/users.sql", std::move(text)}; }

SchemaError error_of(const std::string& text) {
  try {
    find_schema_pragmas(file(text));
  } catch (const SchemaError& error) {
    return error;
  }
  ADD_FAILURE() << "no SchemaError for:\n" << text;
  return SchemaError({}, "none");
}

TEST(SchemaPragmas, TableAndColumnRenames) {
  const auto pragmas = find_schema_pragmas(file(
      "-- a plain comment\n"
      "-- strata:renamed-from users\n"
      "CREATE TABLE accounts (\n"
      "  id integer PRIMARY KEY,\n"
      "  -- the address\n"
      "  -- strata:renamed-from mail\n"
      "  email text NOT NULL,\n"
      "  CONSTRAINT c CHECK (email <> '-- strata:not-a-pragma')\n"
      ");\n"));
  ASSERT_EQ(pragmas.size(), 2u);
  EXPECT_EQ(pragmas[0].object_key, "table:public.accounts");
  EXPECT_EQ(pragmas[0].name, "renamed-from");
  EXPECT_EQ(pragmas[0].value, "users");
  EXPECT_EQ(pragmas[0].location.line, 2);
  EXPECT_EQ(pragmas[1].object_key, "column:public.accounts.email");
  EXPECT_EQ(pragmas[1].value, "mail");
  EXPECT_EQ(pragmas[1].location.line, 6);
  EXPECT_EQ(pragmas[1].location.column, 3);

  const auto renames = renames_from_pragmas(pragmas);
  ASSERT_EQ(renames.size(), 2u);
  EXPECT_EQ(renames.at("table:public.accounts"), "table:public.users");
  // The column is looked up under its table's old name.
  EXPECT_EQ(renames.at("column:public.accounts.email"), "column:public.users.mail");
}

TEST(SchemaPragmas, RelationRenamesStayInTheirSchema) {
  const auto pragmas = find_schema_pragmas(file(
      "-- strata:renamed-from open_orders\nCREATE VIEW app.pending_orders AS SELECT 1 AS x;\n"
      "-- strata:renamed-from totals\nCREATE MATERIALIZED VIEW order_totals AS SELECT 1 AS x;\n"
      "-- strata:renamed-from orders_total\nCREATE INDEX orders_open_total ON app.orders (total);\n"
      "-- strata:renamed-from order_numbers\nCREATE SEQUENCE app.order_ids;\n"));
  const auto renames = renames_from_pragmas(pragmas);
  EXPECT_EQ(renames, (std::map<std::string, std::string>{{"view:app.pending_orders", "view:app.open_orders"},
                                                         {"matview:public.order_totals", "matview:public.totals"},
                                                         {"index:app.orders_open_total", "index:app.orders_total"},
                                                         {"sequence:app.order_ids", "sequence:app.order_numbers"}}));
}

TEST(SchemaPragmas, EnumLabelRenames) {
  const auto pragmas = find_schema_pragmas(file(
      "-- strata:renamed-label ok fine\n-- strata:renamed-label meh so_so\nCREATE TYPE app.mood AS ENUM ('fine', 'so_so');\n"));
  const auto renames = label_renames_from_pragmas(pragmas);
  EXPECT_EQ(renames, (std::map<std::string, std::map<std::string, std::string>>{
                         {"type:app.mood", {{"ok", "fine"}, {"meh", "so_so"}}}}));
  EXPECT_NE(error_of("-- strata:renamed-label ok\nCREATE TYPE mood AS ENUM ('fine');\n").message().find("the old and the new label"),
            std::string::npos);
  EXPECT_NE(error_of("-- strata:renamed-label ok fine\nCREATE TABLE t (x int);\n").message().find("applies to enum types"),
            std::string::npos);
}

TEST(SchemaPragmas, OtherObjectsAndSchemas) {
  const auto pragmas = find_schema_pragmas(file(
      "CREATE SCHEMA app;\n"
      "-- strata:allow-destructive\n"
      "CREATE TABLE app.\"Events\" (\"When\" date);\n"
      "-- strata:allow-destructive\n"
      "CREATE VIEW app.v AS SELECT 1 AS x;\n"
      "-- strata:allow-destructive\n"
      "CREATE MATERIALIZED VIEW m AS SELECT 1 AS x;\n"
      "-- strata:allow-destructive\n"
      "CREATE INDEX events_idx ON app.\"Events\" (\"When\");\n"
      "-- strata:allow-destructive\n"
      "CREATE TYPE app.mood AS ENUM ('ok');\n"
      "-- strata:allow-destructive\n"
      "CREATE DOMAIN posint AS integer;\n"
      "-- strata:allow-destructive\n"
      "CREATE SEQUENCE app.s;\n"
      "CREATE TABLE app.t (\n"
      "  -- strata:allow-destructive\n"
      "  \"Mixed\" int\n"
      ");\n"));
  std::vector<std::string> keys;
  for (const auto& pragma : pragmas) keys.push_back(pragma.object_key);
  EXPECT_EQ(keys, (std::vector<std::string>{"table:app.Events", "view:app.v", "matview:public.m", "index:app.events_idx",
                                            "type:app.mood", "type:public.posint", "sequence:app.s",
                                            "column:app.t.Mixed"}));
  EXPECT_TRUE(pragmas[0].value.empty());
}

TEST(SchemaPragmas, FileWithoutPragmasOrThatDoesNotParse) {
  EXPECT_TRUE(find_schema_pragmas(file("CREATE TABLE a (x int); -- comment\n")).empty());
  EXPECT_TRUE(find_schema_pragmas(file("-- strata:renamed-from a\nCREATE TABEL b (x int);\n")).empty());
}

TEST(SchemaPragmas, Errors) {
  SchemaError error = error_of("CREATE TABLE a (\n  -- strata:renamed-form x\n  y int);\n");
  EXPECT_EQ(error.location().line, 2);
  EXPECT_EQ(error.location().column, 3);
  EXPECT_NE(error.message().find("unknown strata pragma 'renamed-form'"), std::string::npos);

  error = error_of("-- strata:renamed-from\nCREATE TABLE a (x int);\n");
  EXPECT_NE(error.message().find("needs the old name"), std::string::npos);
  error = error_of("-- strata:allow-destructive yes\nCREATE TABLE a (x int);\n");
  EXPECT_NE(error.message().find("takes no value"), std::string::npos);

  // Annotating nothing: a blank line in between, a statement that is not a CREATE the pragma
  // knows, an unnamed table constraint, the end of the file.
  error = error_of("-- strata:allow-destructive\n\nCREATE TABLE a (x int);\n");
  EXPECT_NE(error.message().find("annotates nothing"), std::string::npos);
  EXPECT_EQ(error.location().line, 1);
  error_of("-- strata:allow-destructive\nINSERT INTO a VALUES (1);\n");
  error_of("CREATE TABLE a (\n  x int,\n  -- strata:allow-destructive\n  CHECK (x > 0)\n);\n");
  error_of("CREATE TABLE a (x int);\n-- strata:allow-destructive\n");
  error = error_of("-- strata:renamed-from old\nCREATE POLICY p ON t USING (true);\n");
  EXPECT_NE(error.message().find("schemas, types and functions, not to policy:public.t.p"), std::string::npos);

  // Not on its own line: it would silently annotate the next column.
  error = error_of("CREATE TABLE a (\n  x int, -- strata:renamed-from y\n  z int);\n");
  EXPECT_NE(error.message().find("own line"), std::string::npos);
}

// A schema's old name is the old schema of everything renamed in it; a function is named
// without its argument types (every overload is renamed).
TEST(SchemaPragmas, RenamesInARenamedSchema) {
  const auto renames = renames_from_pragmas(find_schema_pragmas(file(
      "-- strata:renamed-from shop\nCREATE SCHEMA store;\n"
      "-- strata:renamed-from mood\nCREATE TYPE store.feeling AS ENUM ('ok');\n"
      "-- strata:renamed-from grade\nCREATE FUNCTION store.rate(integer) RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
      "CREATE TABLE store.items (\n  -- strata:renamed-from x\n  y int);\n")));
  EXPECT_EQ(renames, (std::map<std::string, std::string>{{"schema:store", "schema:shop"},
                                                          {"type:store.feeling", "type:shop.mood"},
                                                          {"function:store.rate", "function:shop.grade"},
                                                          {"column:store.items.y", "column:shop.items.x"}}));
}

TEST(SchemaPragmas, TwoRenamesOfOneObject) {
  const auto pragmas = find_schema_pragmas(file(
      "CREATE TABLE a (\n  -- strata:renamed-from x\n  -- strata:renamed-from y\n  z int);\n"));
  ASSERT_EQ(pragmas.size(), 2u);
  EXPECT_THROW(renames_from_pragmas(pragmas), SchemaError);
}

}  // namespace
}  // namespace strata::load
