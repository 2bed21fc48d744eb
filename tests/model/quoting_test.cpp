#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "strata/model.h"
#include "test_cluster.h"

namespace strata::model {
namespace {

TEST(Quoting, AgreesWithPostgresQuoteIdentForEveryKeywordAndTrickyNames) {
  pqxx::connection conn(testing::shared_cluster().connection_string());
  pqxx::work tx(conn);
  auto rows = tx.exec(
      "SELECT word, quote_ident(word) FROM pg_get_keywords() "
      "UNION ALL SELECT n, quote_ident(n) FROM unnest(ARRAY['Mixed', 'with space', 'quo\"te', '1abc', "
      "'_ok', 'ok_2', 'é', '']) AS n");
  ASSERT_GT(rows.size(), 400u);
  for (const auto& row : rows) {
    const auto word = row[0].as<std::string>();
    EXPECT_EQ(quote_ident(word), row[1].as<std::string>()) << word;
  }
}

TEST(Quoting, QualifiedNamesAndLiterals) {
  EXPECT_EQ(qualified_name("public", "Users"), "public.\"Users\"");
  EXPECT_EQ(qualified_name("", "t"), "t");
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
}

TEST(CatalogJson, RoundTripsAndIsStable) {
  Catalog catalog;
  Object table{"table:public.t", Kind::Table, "public", "t", "", {{"persistence", "permanent"}}, {"schema:public"}, "hi", "reader", {{"reader", {"SELECT*"}}}};
  Object column{"column:public.t.a", Kind::Column, "public", "a", "table:public.t", {{"type", "integer"}}, {}, std::nullopt, "", nullptr};
  catalog.add(column);
  catalog.add(table);
  const auto json = catalog.to_json();
  EXPECT_EQ(Catalog::from_json(json).to_json(), json);
  EXPECT_EQ(json.begin().key(), "column:public.t.a");
  EXPECT_THROW(catalog.add(table), std::logic_error);
}

}  // namespace
}  // namespace strata::model
