// Replay: migrations -> the catalog they build, applied by the runner as a deploy applies them.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "strata/introspect.h"
#include "strata/load.h"
#include "strata/replay.h"
#include "test_cluster.h"

namespace strata::replay {
namespace {

namespace fs = std::filesystem;

migrations::Migration migration(const std::string& version, const std::string& sql) {
  migrations::Migration made;
  made.version = version;
  made.slug = "m";
  made.up = {version + "_m.sql", sql, migrations::parse_pragmas(sql)};
  return made;
}

TEST(Replay, BuildsWhatTheSameDdlLoadsAsASchema) {
  const std::string ddl = "CREATE TYPE mood AS ENUM ('ok', 'meh');\nCREATE TABLE t (id int PRIMARY KEY, m mood);\n";
  const auto replayed = catalog(testing::shared_cluster(), {migration("20260101000000", ddl)});
  const auto loaded = load::load_schema(testing::shared_cluster(), {{"schema.sql", ddl}}).catalog;
  EXPECT_EQ(model::differences(loaded, replayed), std::vector<std::string>{});
}

TEST(Replay, RecordsTheHistoryLikeADeployAndAppliesOnlyWhatIsPending) {
  testing::ScratchDb database("replay_history");
  const auto first = migration("20260101000000", "CREATE TABLE a (id int);\n");
  const auto second = migration("20260101000001", "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");
  apply(database.connection_string(), {first});
  apply(database.connection_string(), {first, second});
  EXPECT_EQ(testing::exec(database.connection_string(), "SELECT count(*) FROM strata.migrations")[0][0].as<int>(), 2);
  const auto built = introspect::introspect(database.connection_string()).catalog;
  EXPECT_NE(built.find("index:public.a_id"), nullptr);
  EXPECT_EQ(built.find("schema:strata"), nullptr);
}

TEST(Replay, AFailingStatementIsReportedAtItsFileLineAndColumn) {
  try {
    catalog(testing::shared_cluster(), {migration("20260101000000", "CREATE TABLE a (id int);\nSELECT nope FROM a;\n")});
    FAIL() << "the SELECT must fail";
  } catch (const sql::SqlError& error) {
    EXPECT_EQ(error.location().to_string(), "20260101000000_m.sql:2:8") << error.what();
    EXPECT_EQ(error.sqlstate(), "42703");
  }
}

TEST(Replay, ReadVerifiedRefusesATamperedDirectory) {
  const auto dir = fs::temp_directory_path() / ("strata-replay-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "20260101000000_a.sql") << "CREATE TABLE a (id int);\n";
  EXPECT_THROW(read_verified(dir), Error);  // no strata.sum at all
  fs::remove_all(dir);
}

}  // namespace
}  // namespace strata::replay
