// The example service's bootstrap endpoint (examples/task_service/bootstrap.h) against a real
// PostgreSQL: wrong secret, wrong method, concurrent calls, a second call that does nothing, and
// the same over HTTP when cpp-httplib is there.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "app/db/migrations.h"
#include "bootstrap.h"
#include "tasks.h"
#include "test_cluster.h"
#ifdef STRATA_EXAMPLE_HTTP
#include <httplib.h>

#include "http_server.h"
#endif

namespace {

const char* const kSecret = "s3cret-bootstrap-token";

long long applied_rows(const std::string& connection) {
  const auto exists = strata::testing::exec(connection, "SELECT to_regclass('strata.migrations') IS NOT NULL");
  if (!exists[0][0].as<bool>()) return 0;
  return strata::testing::exec(connection, "SELECT count(*) FROM strata.migrations")[0][0].as<long long>();
}

class BootstrapEndpoint : public ::testing::Test {
 protected:
  strata::testing::ScratchDb database_{"bootstrap"};
  example::MigrateEndpoint endpoint_{database_.connection_string(), kSecret};
};

TEST(SecretsEqual, ComparesWholeStrings) {
  EXPECT_TRUE(example::secrets_equal("abc", "abc"));
  EXPECT_FALSE(example::secrets_equal("abc", "abd"));
  EXPECT_FALSE(example::secrets_equal("abc", "ab"));
  EXPECT_FALSE(example::secrets_equal("abc", "abcd"));
  EXPECT_FALSE(example::secrets_equal("abc", ""));
}

TEST_F(BootstrapEndpoint, WrongOrMissingSecretIsRefusedAndAppliesNothing) {
  for (const char* secret : {"", "wrong", "s3cret-bootstrap-toke", "s3cret-bootstrap-token "}) {
    const auto response = endpoint_.handle("POST", secret);
    EXPECT_EQ(response.status, 401) << secret;
    EXPECT_TRUE(response.body.contains("error"));
  }
  EXPECT_EQ(applied_rows(database_.connection_string()), 0);
}

TEST_F(BootstrapEndpoint, OnlyPost) {
  for (const char* method : {"GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "post"}) {
    EXPECT_EQ(endpoint_.handle(method, kSecret).status, 405) << method;
  }
  EXPECT_EQ(applied_rows(database_.connection_string()), 0);
}

TEST_F(BootstrapEndpoint, DisabledWithoutSecret) {
  example::MigrateEndpoint disabled(database_.connection_string(), "");
  EXPECT_EQ(disabled.handle("POST", "").status, 403);
  EXPECT_EQ(applied_rows(database_.connection_string()), 0);
}

TEST_F(BootstrapEndpoint, AppliesThenSecondCallDoesNothing) {
  EXPECT_THROW(example::Tasks tasks(database_.connection_string()), std::exception);  // require_current

  const auto first = endpoint_.handle("POST", kSecret);
  ASSERT_EQ(first.status, 200) << first.body.dump();
  EXPECT_EQ(first.body["applied"].size(), app::db::migrations().size());
  EXPECT_FALSE(first.body["already_current"].get<bool>());
  const auto rows = applied_rows(database_.connection_string());
  EXPECT_EQ(rows, static_cast<long long>(app::db::migrations().size()));

  const auto second = endpoint_.handle("POST", kSecret);
  ASSERT_EQ(second.status, 200) << second.body.dump();
  EXPECT_TRUE(second.body["applied"].empty());
  EXPECT_TRUE(second.body["already_current"].get<bool>());
  EXPECT_EQ(applied_rows(database_.connection_string()), rows);

  // The service starts, and its accessors work on the migrated database.
  example::Tasks tasks(database_.connection_string());
  const auto account = tasks.add_account("ada@example.com", "Ada");
  const auto project = tasks.add_project(account.id, "engine");
  const auto task = tasks.add_task(project.id, "design the mill");
  EXPECT_TRUE(tasks.finish(task.id));
  const auto listed = tasks.tasks_of(project.id);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].status, app::db::task_status::done);
  // Its typed queries too.
  tasks.add_task(project.id, "build the engine");
  const auto open = tasks.open_tasks(project.id);
  ASSERT_EQ(open.size(), 1U);
  EXPECT_EQ(open[0].title, "build the engine");
  EXPECT_TRUE(tasks.open_tasks(project.id, app::db::task_status::in_progress).empty());
  const auto summaries = tasks.project_summaries(account.id);
  ASSERT_EQ(summaries.size(), 1U);
  EXPECT_EQ(summaries[0].tasks, 2);
  EXPECT_EQ(summaries[0].done, 1);
}

TEST_F(BootstrapEndpoint, ConcurrentCallsApplyEachMigrationOnce) {
  constexpr int kCalls = 6;
  std::vector<std::future<example::EndpointResponse>> calls;
  std::atomic<bool> go{false};
  for (int i = 0; i < kCalls; ++i) {
    calls.push_back(std::async(std::launch::async, [&] {
      while (!go.load()) std::this_thread::yield();
      return endpoint_.handle("POST", kSecret);
    }));
  }
  go = true;
  std::size_t applied_total = 0;
  int applying_calls = 0;
  for (auto& call : calls) {
    const auto response = call.get();
    ASSERT_EQ(response.status, 200) << response.body.dump();
    applied_total += response.body["applied"].size();
    if (!response.body["applied"].empty()) ++applying_calls;
  }
  EXPECT_EQ(applied_total, app::db::migrations().size());
  EXPECT_EQ(applying_calls, 1);
  EXPECT_EQ(applied_rows(database_.connection_string()), static_cast<long long>(app::db::migrations().size()));
}

#ifdef STRATA_EXAMPLE_HTTP
TEST_F(BootstrapEndpoint, OverHttp) {
  example::BootstrapServer server(endpoint_);
  const int port = server.bind("127.0.0.1", 0);
  std::thread serving([&] { server.serve(); });
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60, 0);

  auto get = client.Get(example::MigrateEndpoint::kPath, {{example::MigrateEndpoint::kSecretHeader, kSecret}});
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405);
  EXPECT_EQ(get->get_header_value("Allow"), "POST");

  auto wrong = client.Post(example::MigrateEndpoint::kPath, {{example::MigrateEndpoint::kSecretHeader, "nope"}}, "", "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(applied_rows(database_.connection_string()), 0);

  auto first = client.Post(example::MigrateEndpoint::kPath, {{example::MigrateEndpoint::kSecretHeader, kSecret}}, "", "application/json");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(first->get_header_value("Content-Type"), "application/json");
  const auto body = nlohmann::json::parse(first->body);
  EXPECT_EQ(body["applied"].size(), app::db::migrations().size());

  auto second = client.Post(example::MigrateEndpoint::kPath, {{example::MigrateEndpoint::kSecretHeader, kSecret}}, "", "application/json");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_TRUE(nlohmann::json::parse(second->body)["already_current"].get<bool>());

  server.stop();
  serving.join();
}
#endif

}  // namespace
