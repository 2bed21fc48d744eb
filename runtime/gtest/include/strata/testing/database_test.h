// GoogleTest support: every test gets its own fresh, fully migrated PostgreSQL database.
//
//   // once per test program (at namespace scope in any test file)
//   STRATA_TEST_DATABASE_ENVIRONMENT("db/migrations");
//
//   class UsersTest : public strata::testing::DatabaseTest {};
//   TEST_F(UsersTest, Inserts) {
//     pqxx::work work(conn());
//     work.exec0("INSERT INTO users (email) VALUES ('a@example.com')");
//     work.commit();
//   }
//
// The environment owns the server (STRATA_TEST_BACKEND: the shared local cluster by default)
// and the template pool for the process; it starts them on the first test that needs them.
// Link `strata::gtest`. See docs/testing.md.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "strata/test_database.h"

namespace strata::testing {

class DatabaseEnvironment : public ::testing::Environment {
 public:
  // Migrations from a directory (strata.sum checked when present) or given directly.
  explicit DatabaseEnvironment(std::filesystem::path migrations_dir,
                               testdb::PoolOptions options = testdb::PoolOptions().with_environment(),
                               testdb::BackendOptions backend = testdb::BackendOptions::from_environment());
  explicit DatabaseEnvironment(std::vector<migrations::Migration> migrations,
                               testdb::PoolOptions options = testdb::PoolOptions().with_environment(),
                               testdb::BackendOptions backend = testdb::BackendOptions::from_environment());
  ~DatabaseEnvironment() override;

  void TearDown() override;  // drops this process's databases, releases the server

  // The registered environment; fails the test (throws) when there is none.
  static DatabaseEnvironment& current();
  // Started on first use: the server, the template (built if this set of migrations has none).
  testdb::TemplatePool& pool();
  testdb::TestDatabase acquire() { return pool().acquire(); }

 private:
  std::filesystem::path migrations_dir_;
  std::vector<migrations::Migration> migrations_;
  testdb::PoolOptions options_;
  testdb::BackendOptions backend_;
  std::mutex mutex_;
  std::shared_ptr<testdb::Server> server_;
  std::unique_ptr<testdb::TemplatePool> pool_;
};

// A fixture whose every test has a database of its own (acquired in SetUp, dropped after).
class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A connection to the test's database, opened on first use, closed in TearDown.
  pqxx::connection& conn();
  std::string url() const { return database_.url(); }
  std::string connection_string() const { return database_.connection_string(); }
  const testdb::TestDatabase& database() const { return database_; }

 private:
  testdb::TestDatabase database_;
  std::unique_ptr<pqxx::connection> connection_;
};

}  // namespace strata::testing

// Registers a DatabaseEnvironment (arguments as its constructors') before main runs.
#define STRATA_TEST_DATABASE_ENVIRONMENT(...)                                                  \
  static ::testing::Environment* const strata_test_database_environment_ [[maybe_unused]] = \
      ::testing::AddGlobalTestEnvironment(new ::strata::testing::DatabaseEnvironment(__VA_ARGS__))
