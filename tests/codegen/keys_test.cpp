// Which functions a table gets from its keys, and what they are called.
#include <gtest/gtest.h>

#include "catalog_builders.h"
#include "strata/codegen.h"

namespace strata::codegen::testing {
namespace {

model::Object unique_index(const model::Object& table, const std::string& name, json columns, bool partial) {
  model::Object object;
  object.kind = model::Kind::Index;
  object.key = "index:" + table.schema + "." + name;
  object.schema = table.schema;
  object.name = name;
  object.parent = table.key;
  object.attrs = {{"unique", true}, {"columns", columns}, {"partial", partial}};
  return object;
}

std::string header(const std::vector<model::Object>& objects, const std::string& path) {
  return generate(catalog_of(objects), Options{}).at(path);
}

bool declares(const std::string& text, const std::string& declaration) { return text.find(declaration) != std::string::npos; }

TEST(Keys, FindersForPlainUniqueKeysOnly) {
  const auto t = table("public", "t");
  const auto h = header(
      {t, column(t, "id", "bigint", 1, {{"not_null", true}}), column(t, "a", "text", 2), column(t, "b", "integer", 3),
       column(t, "my col", "text", 4), constraint(t, "t_pkey", "p", {"id"}), constraint(t, "t_a_b", "u", {"a", "b"}),
       constraint(t, "t_b_a_dup", "u", {"a", "b"}),                          // the same columns: one finder
       unique_index(t, "t_id_unique", {"id"}, false),                         // the primary key's columns: none
       unique_index(t, "t_my_col", {"my col"}, false),                        // a unique index: a finder
       unique_index(t, "t_partial", {"b"}, true),                             // partial: none
       unique_index(t, "t_expression", nullptr, false)},                      // expressions: none
      "include/db/t.h");
  EXPECT_TRUE(declares(h, "std::optional<Row> find(pqxx::transaction_base& tx, const std::int64_t& id);")) << h;
  EXPECT_TRUE(declares(h, "std::optional<Row> find_by_a_and_b(pqxx::transaction_base& tx, const std::string& a, "
                          "const std::int32_t& b);"))
      << h;
  EXPECT_TRUE(declares(h, "std::optional<Row> find_by_my_col(pqxx::transaction_base& tx, const std::string& my_col);")) << h;
  EXPECT_FALSE(declares(h, "find_by_id")) << h;
  EXPECT_FALSE(declares(h, "find_by_b(")) << h;
  EXPECT_FALSE(declares(h, "find_by_a_and_b_2")) << h;
  EXPECT_TRUE(declares(h, "std::optional<Row> update(pqxx::transaction_base& tx, const Row& row);")) << h;
  EXPECT_TRUE(declares(h, "bool remove(pqxx::transaction_base& tx, const std::int64_t& id);")) << h;
}

TEST(Keys, ListsPerForeignKeyAndNoPrimaryKeyFunctionsWithoutOne) {
  const auto t = table("public", "t");
  const auto h = header({t, column(t, "org", "integer", 1), column(t, "tx", "integer", 2),
                         constraint(t, "t_org_fkey", "f", {"org"}), constraint(t, "t_org_tx_fkey", "f", {"org", "tx"}),
                         constraint(t, "t_org_fkey2", "f", {"org"})},
                        "include/db/t.h");
  EXPECT_TRUE(declares(h, "std::vector<Row> list_by_org(pqxx::transaction_base& tx, const std::int32_t& org);")) << h;
  // A column named like the transaction parameter gets another parameter name.
  EXPECT_TRUE(declares(h, "std::vector<Row> list_by_org_and_tx(pqxx::transaction_base& tx, const std::int32_t& org, "
                          "const std::int32_t& tx_2);"))
      << h;
  EXPECT_FALSE(declares(h, "list_by_org_2")) << h;
  EXPECT_FALSE(declares(h, " find(")) << h;
  EXPECT_FALSE(declares(h, " update(")) << h;
  EXPECT_FALSE(declares(h, " remove(")) << h;
  EXPECT_TRUE(declares(h, "std::vector<Row> list_all(pqxx::transaction_base& tx);")) << h;
}

TEST(Keys, PagedListsNeedAPrimaryKeyAndGetNamesOfTheirOwn) {
  const auto t = table("public", "t");
  const auto h = header({t, column(t, "id", "integer", 1, {{"not_null", true}}), column(t, "org", "integer", 2),
                         column(t, "org_page", "integer", 3), constraint(t, "t_pkey", "p", {"id"}),
                         constraint(t, "t_org_fkey", "f", {"org"}), constraint(t, "t_org_page_fkey", "f", {"org_page"})},
                        "include/db/t.h");
  EXPECT_TRUE(declares(h, "std::vector<Row> list_page(pqxx::transaction_base& tx, std::int64_t limit, "
                          "const Row* after = nullptr);"))
      << h;
  // list_by_org_page is the foreign key on org_page's list: the paged list_by_org is _2.
  EXPECT_TRUE(declares(h, "std::vector<Row> list_by_org_page(pqxx::transaction_base& tx, const std::int32_t& org_page);"))
      << h;
  EXPECT_TRUE(declares(h, "std::vector<Row> list_by_org_page_2(pqxx::transaction_base& tx, const std::int32_t& org, "
                          "std::int64_t limit, const Row* after = nullptr);"))
      << h;
  EXPECT_TRUE(declares(h, "std::vector<Row> list_by_org_page_page(pqxx::transaction_base& tx, "
                          "const std::int32_t& org_page, std::int64_t limit, const Row* after = nullptr);"))
      << h;
  EXPECT_TRUE(declares(h, "#include <cstdint>")) << h;
  // Without a primary key there is nothing to page on.
  const auto keyless = header({t, column(t, "org", "integer", 1), constraint(t, "t_org_fkey", "f", {"org"})},
                              "include/db/t.h");
  EXPECT_FALSE(declares(keyless, "_page(")) << keyless;
}

TEST(Keys, FunctionNamesDoNotCollideWithTheFixedOnes) {
  // A unique column named "all" would give find_by_all; a column "insert_many"... the fixed
  // names (insert, find, update, remove, list_all, Row, Insert, sql_name) stay what they are.
  const auto t = table("public", "t");
  const auto h = header({t, column(t, "id", "integer", 1, {{"not_null", true}}), column(t, "x", "text", 2),
                         column(t, "x y", "text", 3), constraint(t, "t_pkey", "p", {"id"}),
                         constraint(t, "t_x", "u", {"x"}), constraint(t, "t_x_y", "u", {"x y"})},
                        "include/db/t.h");
  EXPECT_TRUE(declares(h, "find_by_x(pqxx::transaction_base& tx, const std::string& x);")) << h;
  EXPECT_TRUE(declares(h, "find_by_x_y(pqxx::transaction_base& tx, const std::string& x_y);")) << h;
}

TEST(Keys, TablesViewsEnumsAndSchemasShareTheRootScope) {
  const auto schema_table = table("public", "schema");  // schema.h is the umbrella
  const auto audit_table = table("public", "audit");    // and a schema is called audit too
  const auto audit_events = table("audit", "events");
  model::Object view;
  view.kind = model::Kind::View;
  view.key = "view:public.v";
  view.schema = "public";
  view.name = "v";
  view.attrs = {{"columns", json::array({{{"name", "n"}, {"type", "bigint"}}})}};
  const auto files = generate(catalog_of({schema_table, column(schema_table, "id", "integer", 1), audit_table,
                                          column(audit_table, "id", "integer", 1), audit_events,
                                          column(audit_events, "id", "integer", 1), view,
                                          enum_type("public", "migrations", {"a"}), enum_type("audit", "kind", {"x"})}),
                              Options{});
  std::vector<std::string> paths;
  for (const auto& [path, content] : files) paths.push_back(path);
  EXPECT_EQ(paths, (std::vector<std::string>{"include/db/audit.h", "include/db/audit_2/events.h", "include/db/audit_2/kind.h",
                                             "include/db/migrations.h", "include/db/migrations_2.h", "include/db/schema.h",
                                             "include/db/schema_2.h", "include/db/v.h", "src/migrations.cpp",
                                             "src/shard_00.cpp", "src/shard_01.cpp", "src/shard_02.cpp", "src/shard_03.cpp"}));
  EXPECT_TRUE(declares(files.at("include/db/audit_2/events.h"), "namespace db::audit_2::events {"));
  EXPECT_TRUE(declares(files.at("include/db/migrations_2.h"), "enum class migrations_2 {"));
  EXPECT_TRUE(declares(files.at("include/db/migrations_2.h"), "migrations_2 migrations_2_from_string(std::string_view label);"));
  EXPECT_TRUE(declares(files.at("include/db/v.h"), "std::optional<std::int64_t> n{};"));
  EXPECT_FALSE(declares(files.at("include/db/v.h"), "Row insert("));
}

TEST(Keys, HeaderNamesDifferingOnlyInCaseAreMadeDistinct) {
  const auto lower = table("public", "users");
  const auto upper = table("public", "Users");
  const auto files = generate(catalog_of({lower, column(lower, "id", "integer", 1), upper, column(upper, "id", "integer", 1),
                                          enum_type("public", "Schema", {"a"})}),
                              Options{});
  EXPECT_TRUE(declares(files.at("include/db/Users.h"), "namespace db::Users {"));
  EXPECT_TRUE(declares(files.at("include/db/users_2.h"), "namespace db::users {"));
  EXPECT_TRUE(declares(files.at("include/db/Schema_2.h"), "enum class Schema {"));
  EXPECT_TRUE(declares(files.at("include/db/schema.h"), "#include \"db/users_2.h\""));
}

}  // namespace
}  // namespace strata::codegen::testing
