#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <csignal>
#include <iostream>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "runtime_test_helpers.h"
#include "strata/cluster.h"
#include "test_cluster.h"

namespace strata::runtime {
namespace {

using namespace std::chrono_literals;

bool accepting(const Cluster& cluster) { return PQping(cluster.connection_string().c_str()) == PQPING_OK; }

std::string query_value(const Cluster& cluster, const std::string& sql) {
  return strata::testing::exec(cluster.connection_string(), sql).at(0).at(0).c_str();
}

// Each test gets a private cache (STRATA_CACHE_DIR) and leaves nothing behind: the server is
// stopped (if the test did not see it stop) and its directories removed.
class CachedClusterTest : public ::testing::Test {
 protected:
  std::unique_ptr<CachedCluster> acquire(std::chrono::seconds idle_timeout) {
    auto cluster = CachedCluster::acquire(idle_timeout);
    remember_for_cleanup(*cluster);
    return cluster;
  }

  void remember_for_cleanup(const CachedCluster& cluster) {
    data_dir_ = query_value(cluster, "SHOW data_directory");
    server_dir_ = cluster.socket_dir();
  }

  pid_t postmaster_pid() const {
    std::ifstream file(data_dir_ / "postmaster.pid");
    pid_t pid = -1;
    file >> pid;
    return pid;
  }

  void TearDown() override {
    if (const pid_t pid = postmaster_pid(); pid > 0 && test::process_running(pid)) {
      ::kill(pid, SIGQUIT);
      test::eventually([&] { return !test::process_running(pid); }, 10s);
    }
    std::error_code ignored;
    if (!server_dir_.empty()) std::filesystem::remove_all(server_dir_, ignored);  // may be outside the cache
  }

  const test::TempDir cache_{"cache-test"};
  const test::ScopedEnvironment environment_{{{"STRATA_CACHE_DIR", cache_.path().string()}}};
  std::filesystem::path data_dir_;
  std::filesystem::path server_dir_;
};

TEST_F(CachedClusterTest, SecondAcquireReusesTheRunningServer) {
  auto start = std::chrono::steady_clock::now();
  auto cold = CachedCluster::acquire(60s);
  const double cold_ms = test::milliseconds_since(start);
  remember_for_cleanup(*cold);
  EXPECT_FALSE(cold->was_warm());
  EXPECT_EQ(::getsid(postmaster_pid()), postmaster_pid());  // daemonized by pg_ctl
  const std::string started_at = query_value(*cold, "SELECT pg_postmaster_start_time()");

  start = std::chrono::steady_clock::now();
  auto warm = CachedCluster::acquire(60s);
  const double warm_ms = test::milliseconds_since(start);
  EXPECT_TRUE(warm->was_warm());
  EXPECT_EQ(warm->socket_dir(), cold->socket_dir());
  EXPECT_EQ(query_value(*warm, "SELECT pg_postmaster_start_time()"), started_at);

  cold.reset();
  warm.reset();
  EXPECT_TRUE(accepting(*CachedCluster::acquire(60s)));  // released, not stopped

  std::cout << "[ timing ] CachedCluster::acquire cold (initdb + start) " << cold_ms << " ms, warm "
            << warm_ms << " ms\n";
  RecordProperty("cold_ms", std::to_string(cold_ms));
  RecordProperty("warm_ms", std::to_string(warm_ms));
}

TEST_F(CachedClusterTest, ConcurrentAcquiresStartOneServer) {
  std::unique_ptr<CachedCluster> clusters[3];
  std::string errors[3];
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&, i] {
      try {
        clusters[i] = CachedCluster::acquire(60s);
      } catch (const std::exception& error) {
        errors[i] = error.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& cluster : clusters) {
    if (cluster) remember_for_cleanup(*cluster);
  }
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(clusters[i]) << errors[i];
  int cold_starts = 0;
  for (const auto& cluster : clusters) {
    cold_starts += cluster->was_warm() ? 0 : 1;
    EXPECT_EQ(cluster->socket_dir(), clusters[0]->socket_dir());
    EXPECT_TRUE(accepting(*cluster));
  }
  EXPECT_EQ(cold_starts, 1);
}

TEST_F(CachedClusterTest, IdleTimeoutStopsTheServerOnlyOnceReleased) {
  auto cluster = acquire(2s);
  const pid_t server = postmaster_pid();
  ASSERT_GT(server, 0);

  std::this_thread::sleep_for(3500ms);  // past the timeout, but held
  EXPECT_TRUE(accepting(*cluster));

  cluster.reset();
  EXPECT_TRUE(test::eventually([&] { return !test::process_running(server); }, 10s))
      << "not stopped when idle";
  EXPECT_FALSE(std::filesystem::exists(data_dir_ / "postmaster.pid"));

  // The next acquire starts the server again from the data directory it kept.
  const auto start = std::chrono::steady_clock::now();
  auto restarted = acquire(2s);
  const double restart_ms = test::milliseconds_since(start);
  EXPECT_FALSE(restarted->was_warm());
  EXPECT_TRUE(accepting(*restarted));
  std::cout << "[ timing ] CachedCluster::acquire cold with existing data (start only) " << restart_ms
            << " ms\n";
}

TEST_F(CachedClusterTest, ScratchDatabasesWork) {
  auto cluster = acquire(60s);
  ScratchDatabase scratch(*cluster, "cached");
  EXPECT_EQ(strata::testing::exec(scratch.connection_string(), "SELECT current_database()")
                .at(0)
                .at(0)
                .as<std::string>(),
            scratch.name());
}

}  // namespace
}  // namespace strata::runtime
