#include "strata/testing/database_test.h"

#include <atomic>
#include <stdexcept>

namespace strata::testing {

namespace {

std::atomic<DatabaseEnvironment*> registered{nullptr};

}  // namespace

DatabaseEnvironment::DatabaseEnvironment(std::filesystem::path migrations_dir, testdb::PoolOptions options,
                                         testdb::BackendOptions backend)
    : migrations_dir_(std::move(migrations_dir)), options_(std::move(options)), backend_(std::move(backend)) {
  registered = this;
}

DatabaseEnvironment::DatabaseEnvironment(std::vector<migrations::Migration> migrations, testdb::PoolOptions options,
                                         testdb::BackendOptions backend)
    : migrations_(std::move(migrations)), options_(std::move(options)), backend_(std::move(backend)) {
  registered = this;
}

DatabaseEnvironment::~DatabaseEnvironment() {
  DatabaseEnvironment* self = this;
  registered.compare_exchange_strong(self, nullptr);
}

void DatabaseEnvironment::TearDown() {
  const std::lock_guard lock(mutex_);
  pool_.reset();
  server_.reset();
}

DatabaseEnvironment& DatabaseEnvironment::current() {
  DatabaseEnvironment* environment = registered;
  if (environment == nullptr) {
    throw std::logic_error(
        "no strata::testing::DatabaseEnvironment registered: add STRATA_TEST_DATABASE_ENVIRONMENT(\"migrations\") "
        "to a test file");
  }
  return *environment;
}

testdb::TemplatePool& DatabaseEnvironment::pool() {
  const std::lock_guard lock(mutex_);
  if (!pool_) {
    server_ = testdb::open_server(backend_);
    pool_ = migrations_dir_.empty()
                ? std::make_unique<testdb::TemplatePool>(server_, migrations_, options_)
                : testdb::TemplatePool::from_directory(server_, migrations_dir_, options_);
  }
  return *pool_;
}

void DatabaseTest::SetUp() { database_ = DatabaseEnvironment::current().acquire(); }

void DatabaseTest::TearDown() {
  connection_.reset();  // before the database goes
  database_.release();
}

pqxx::connection& DatabaseTest::conn() {
  if (!connection_) connection_ = std::make_unique<pqxx::connection>(database_.connection_string());
  return *connection_;
}

}  // namespace strata::testing
