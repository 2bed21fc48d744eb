#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

TEST(Schemas, CreateAndDrop) {
  EXPECT_EQ(sql_for(db({}), db({schema("app")})), "CREATE SCHEMA app;\n");
  EXPECT_EQ(sql_for(db({schema("app")}), db({})), "DROP SCHEMA app;\n");
}

TEST(Schemas, PublicIsAnOrdinarySchema) {
  Catalog empty;
  EXPECT_EQ(sql_for(db({}), empty), "DROP SCHEMA public;\n");
  EXPECT_EQ(sql_for(empty, db({})), "CREATE SCHEMA public;\n");
}

TEST(Schemas, NamesAreQuoted) {
  EXPECT_EQ(sql_for(db({}), db({schema("My App")})), "CREATE SCHEMA \"My App\";\n");
}

TEST(Extensions, CreateAndDrop) {
  const auto citext = extension("citext", "public", "1.6");
  EXPECT_EQ(sql_for(db({}), db({citext})), "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public VERSION '1.6';\n");
  EXPECT_EQ(sql_for(db({citext}), db({})), "DROP EXTENSION citext;\n");
}

TEST(Extensions, UpdateAndMove) {
  const auto old_version = extension("citext", "public", "1.5");
  EXPECT_EQ(sql_for(db({old_version}), db({extension("citext", "public", "1.6")})),
            "ALTER EXTENSION citext UPDATE TO '1.6';\n");
  EXPECT_EQ(sql_for(db({schema("ext"), old_version}), db({schema("ext"), extension("citext", "ext", "1.5")})),
            "ALTER EXTENSION citext SET SCHEMA ext;\n");
}

TEST(Extensions, CreatedAfterItsSchemaAndDroppedBeforeIt) {
  const auto postgis = extension("postgis", "gis", "3.3.2");
  EXPECT_EQ(sql_for(db({}), db({schema("gis"), postgis})),
            "CREATE SCHEMA gis;\n"
            "CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA gis VERSION '3.3.2';\n");
  EXPECT_EQ(sql_for(db({schema("gis"), postgis}), db({})),
            "DROP EXTENSION postgis;\n"
            "DROP SCHEMA gis;\n");
}

}  // namespace
}  // namespace strata::diff::testing
