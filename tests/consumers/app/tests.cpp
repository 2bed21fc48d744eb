// A consumer's GoogleTest suite on strata::gtest (find_package(strata COMPONENTS gtest) for an
// installed strata): every test gets a fresh, migrated database of its own.
#include <gtest/gtest.h>

#include "consumer/db/notes.h"
#include "consumer/db/queries/notes.h"
#include "strata/testing/database_test.h"

STRATA_TEST_DATABASE_ENVIRONMENT(CONSUMER_MIGRATIONS);

namespace {

class Notes : public strata::testing::DatabaseTest {};

TEST_F(Notes, AnInsertedNoteIsFound) {
  pqxx::work tx(conn());
  const auto note = consumer::db::notes::insert(tx, {.title = "from a test"});
  const auto found = consumer::db::notes::find(tx, note.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->title, "from a test");
  tx.commit();
}

TEST_F(Notes, EveryTestStartsWithAnEmptyTable) {
  pqxx::work tx(conn());
  EXPECT_TRUE(consumer::db::notes::list_all(tx).empty());
}

TEST_F(Notes, TypedQueriesWorkFromTheInstalledPackage) {
  pqxx::work tx(conn());
  consumer::db::notes::insert(tx, {.title = "kept", .body = "text"});
  consumer::db::notes::insert(tx, {.title = "empty"});
  const auto notes = consumer::db::queries::notes_with_body(tx, std::nullopt);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].title, "kept");
  EXPECT_EQ(notes[0].body, std::optional<std::string>("text"));  // IS NOT NULL is not proven: still optional
  EXPECT_TRUE(consumer::db::queries::notes_with_body(tx, std::string("x%")).empty());
}

}  // namespace
