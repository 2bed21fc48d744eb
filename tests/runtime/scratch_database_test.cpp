#include <gtest/gtest.h>

#include "strata/error.h"

#include <pqxx/pqxx>

#include "strata/cluster.h"
#include "test_cluster.h"

namespace strata::runtime {
namespace {

using strata::testing::exec;
using strata::testing::shared_cluster;

bool database_exists(const std::string& name) {
  const auto count =
      exec(shared_cluster().connection_string(),
           "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'");  // names made here
  return count.at(0).at(0).as<int>() == 1;
}

TEST(ScratchDatabase, CreatedAndDroppedEvenWithOpenConnections) {
  std::string name;
  auto connection = std::make_unique<pqxx::connection>(shared_cluster().connection_string());
  {
    ScratchDatabase scratch(shared_cluster(), "scratch_test");
    name = scratch.name();
    EXPECT_TRUE(database_exists(name));
    EXPECT_EQ(name.rfind("scratch_test_" + std::to_string(::getpid()) + "_", 0), 0u) << name;
    connection = std::make_unique<pqxx::connection>(scratch.connection_string());
    pqxx::nontransaction(*connection).exec0("CREATE TABLE t (id int)");
  }  // dropped WITH (FORCE) while `connection` is still open
  EXPECT_FALSE(database_exists(name));
}

TEST(ScratchDatabase, NamesAreUnique) {
  ScratchDatabase first(shared_cluster(), "same");
  ScratchDatabase second(shared_cluster(), "same");
  EXPECT_NE(first.name(), second.name());
}

TEST(ScratchDatabase, CopiesTheTemplate) {
  ScratchDatabase templ(shared_cluster(), "template_source");
  exec(templ.connection_string(), "CREATE TABLE from_template (id int)");
  ScratchDatabase copy(shared_cluster(), "copy", templ.name());
  EXPECT_EQ(exec(copy.connection_string(), "SELECT count(*) FROM from_template").at(0).at(0).as<int>(), 0);
}

TEST(ScratchDatabase, RejectsNamesPostgresWouldTruncate) {
  EXPECT_THROW(ScratchDatabase(shared_cluster(), std::string(60, 'p')), strata::Error);
}

TEST(ScratchDatabase, DestructorDoesNotThrowWhenAlreadyDropped) {
  auto scratch = std::make_unique<ScratchDatabase>(shared_cluster(), "dropped_early");
  shared_cluster().drop_database(scratch->name());
  EXPECT_NO_THROW(scratch.reset());
}

TEST(ScratchDb, ConnectionAndExecHelpers) {
  strata::testing::ScratchDb db("support");
  pqxx::nontransaction(db.connection()).exec0("CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2)");
  EXPECT_EQ(exec(db.connection_string(), "SELECT sum(id) FROM t").at(0).at(0).as<int>(), 3);
  EXPECT_EQ(exec(db.connection_string(), "SELECT current_database()").at(0).at(0).as<std::string>(),
            db.name());
}

}  // namespace
}  // namespace strata::runtime
