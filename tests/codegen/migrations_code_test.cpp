// migrations.cpp: the migration files compiled in byte for byte; headers that do not change when
// a migration is added.
#include <gtest/gtest.h>

#include "catalog_builders.h"
#include "strata/codegen.h"

namespace strata::codegen::testing {
namespace {

migrations::Migration migration(const std::string& version, const std::string& slug, const std::string& up) {
  migrations::Migration m;
  m.version = version;
  m.slug = slug;
  m.up = {version + "_" + slug + ".sql", up, migrations::parse_pragmas(up)};
  return m;
}

TEST(MigrationsCode, TextsAreEmbeddedExactly) {
  Options options;
  options.migrations = {migration("20240101000000", "plain", "CREATE TABLE t (id int);\n-- a )strata\" lookalike\n"),
                        migration("20240102000000", "crlf", "-- strata:no-transaction\r\nCREATE INDEX CONCURRENTLY i ON t (id);\r\n")};
  const auto files = generate(model::Catalog{}, options);
  const auto& code = files.at("src/migrations.cpp");
  // A raw literal whose delimiter does not occur in the text.
  EXPECT_NE(code.find("R\"strata2(CREATE TABLE t (id int);\n-- a )strata\" lookalike\n)strata2\""), std::string::npos) << code;
  // Carriage returns escaped rather than left to the compiler's line-ending handling.
  EXPECT_NE(code.find("\"-- strata:no-transaction\\015\\nCREATE INDEX CONCURRENTLY i ON t (id);\\015\\n\""), std::string::npos)
      << code;
  EXPECT_NE(code.find("\"20240102000000_crlf.sql\", "), std::string::npos);
  // Pragmas are parsed from the embedded text at start-up (every pragma, as from a directory).
  EXPECT_NE(code.find("::strata::migrations::parse_pragmas(file.sql)"), std::string::npos) << code;
  EXPECT_NE(code.find("std::string_view schema_version() { return \"20240102000000\"; }"), std::string::npos);
}

TEST(MigrationsCode, AddingAMigrationChangesOnlyMigrationsCpp) {
  const auto t = table("public", "t");
  const auto catalog = catalog_of({t, column(t, "id", "integer", 1)});
  Options options;
  options.migrations = {migration("20240101000000", "one", "CREATE TABLE t (id int);")};
  const auto before = generate(catalog, options);
  options.migrations.push_back(migration("20240102000000", "two", "SELECT 1;"));
  const auto after = generate(catalog, options);
  for (const auto& [path, content] : after) {
    if (path == "src/migrations.cpp") {
      EXPECT_NE(before.at(path), content);
    } else {
      EXPECT_EQ(before.at(path), content) << path;
    }
  }
}

TEST(MigrationsCode, RelationsWithoutColumnsGetNoCode) {
  const auto files = generate(catalog_of({table("public", "empty")}), Options{});
  EXPECT_EQ(files.count("include/db/empty.h"), 0u);
  EXPECT_EQ(files.at("include/db/schema.h").find("empty.h"), std::string::npos);
}

}  // namespace
}  // namespace strata::codegen::testing
