// The GoogleTest support as a user sees it: a fixture whose tests each get their own migrated
// database. Under ctest every test below runs in a process of its own, on the cluster shared by
// the run.
#include <gtest/gtest.h>

#include "strata/testing/database_test.h"

STRATA_TEST_DATABASE_ENVIRONMENT(STRATA_SOURCE_DIR "/tests/test_database/migrations");

namespace {

class NotesTest : public strata::testing::DatabaseTest {};

TEST_F(NotesTest, DatabaseIsMigratedAndCarriesTheHistory) {
  pqxx::nontransaction work(conn());
  EXPECT_EQ(work.exec1("SELECT count(*) FROM information_schema.columns WHERE table_name = 'notes'")[0].as<int>(), 4);
  EXPECT_EQ(work.exec1("SELECT string_agg(version, ',' ORDER BY version) FROM strata.migrations")[0].as<std::string>(),
            "20260101000000,20260102000000");
  EXPECT_EQ(work.exec1("SELECT current_database()")[0].as<std::string>(), database().name());
}

// Both tests write the same row; each must see only its own.
TEST_F(NotesTest, WriteIsInvisibleToOtherTests) {
  pqxx::work work(conn());
  work.exec0("INSERT INTO notes (marker) VALUES ('first')");
  work.commit();
  pqxx::nontransaction read(conn());
  EXPECT_EQ(read.exec1("SELECT count(*) FROM notes")[0].as<int>(), 1);
}

TEST_F(NotesTest, AnotherWriteIsInvisibleToOtherTests) {
  pqxx::work work(conn());
  work.exec0("INSERT INTO notes (marker) VALUES ('second')");
  work.commit();
  pqxx::nontransaction read(conn());
  EXPECT_EQ(read.exec1("SELECT count(*) FROM notes")[0].as<int>(), 1);
}

TEST_F(NotesTest, UrlReachesTheSameDatabase) {
  pqxx::connection by_url(url());
  pqxx::nontransaction work(by_url);
  EXPECT_EQ(work.exec1("SELECT current_database()")[0].as<std::string>(), database().name());
}

}  // namespace
