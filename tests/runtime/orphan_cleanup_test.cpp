#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include "runtime_test_helpers.h"
#include "strata/cluster.h"
#include "test_cluster.h"

namespace strata::runtime {
namespace {

using namespace std::chrono_literals;
using test::process_running;

struct OrphanedCluster {
  pid_t owner = -1;
  std::filesystem::path dir;
  pid_t server = -1;
};

// Forks a child that starts a cluster, reports its directory and server pid through a pipe and
// then waits to be killed. The child never returns into GoogleTest.
OrphanedCluster start_cluster_in_child(bool own_process_group) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe");
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    if (own_process_group) ::setpgid(0, 0);
    std::string report;
    try {
      auto cluster = EphemeralCluster::start();
      report = cluster->directory().string() + "\n" + std::to_string(cluster->server_pid()) + "\n";
      (void)!::write(fds[1], report.data(), report.size());
      for (;;) ::pause();
    } catch (const std::exception& error) {
      report = std::string("error: ") + error.what() + "\n";
      (void)!::write(fds[1], report.data(), report.size());
    }
    ::_exit(1);
  }
  ::close(fds[1]);
  FILE* from_child = ::fdopen(fds[0], "r");
  char line[4096];
  OrphanedCluster orphan;
  orphan.owner = child;
  if (std::fgets(line, sizeof line, from_child)) orphan.dir = std::string(line, std::strlen(line) - 1);
  if (std::fgets(line, sizeof line, from_child)) orphan.server = std::atoi(line);
  std::fclose(from_child);
  return orphan;
}

void expect_cleaned_up_after_owner_dies(const OrphanedCluster& orphan, int signal_target, int signal) {
  ASSERT_GT(orphan.server, 0) << "child failed: " << orphan.dir;
  ASSERT_TRUE(std::filesystem::is_directory(orphan.dir));
  ASSERT_TRUE(process_running(orphan.server));

  ::kill(signal_target, signal);
  int status = 0;
  ASSERT_EQ(::waitpid(orphan.owner, &status, 0), orphan.owner);
  ASSERT_TRUE(WIFSIGNALED(status));

  const auto killed_at = std::chrono::steady_clock::now();
  EXPECT_TRUE(test::eventually([&] { return !process_running(orphan.server); }, 10s))
      << "postmaster survived";
  EXPECT_TRUE(test::eventually([&] { return !std::filesystem::exists(orphan.dir); }, 10s)) << orphan.dir;
  std::cout << "[ timing ] orphan cleanup after the owner's death: " << test::milliseconds_since(killed_at)
            << " ms\n";
}

TEST(OrphanCleanup, OwnerKilledWithSigkill) {
  const OrphanedCluster orphan = start_cluster_in_child(/*own_process_group=*/false);
  expect_cleaned_up_after_owner_dies(orphan, orphan.owner, SIGKILL);
}

// What a Ctrl-C does: SIGINT to the whole foreground process group. The server and the watchdog
// are in sessions of their own, so the server is not stopped uncleanly by it and the watchdog
// survives to clean up.
TEST(OrphanCleanup, OwnersProcessGroupInterrupted) {
  const OrphanedCluster orphan = start_cluster_in_child(/*own_process_group=*/true);
  expect_cleaned_up_after_owner_dies(orphan, -orphan.owner, SIGINT);
}

// A fork that exits normally runs the static destructors, among them the shared cluster's: it
// must leave its parent's server and directory alone.
TEST(OrphanCleanup, ForkedChildExitingNormallyLeavesTheClusterAlone) {
  const auto& cluster = strata::testing::private_cluster();
  std::cout.flush();
  const pid_t child = ::fork();
  if (child == 0) std::exit(0);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  EXPECT_TRUE(process_running(cluster.server_pid()));
  EXPECT_TRUE(std::filesystem::exists(cluster.directory()));
  EXPECT_EQ(strata::testing::exec(cluster.connection_string(), "SELECT 1").at(0).at(0).as<int>(), 1);
}

pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

void make_cluster_dir(const std::filesystem::path& dir, std::optional<pid_t> owner) {
  std::filesystem::create_directories(dir / "data");
  if (owner) std::ofstream(dir / "owner.pid") << *owner << "\n";
}

TEST(OrphanCleanup, StartSweepsDirectoriesOfDeadOwners) {
  const test::TempDir root("sweep-test", 0755);  // 0755: the server may run as nobody
  const auto dead_owner = root.path() / "strata-dead01";
  const auto live_owner = root.path() / "strata-live01";
  const auto no_owner_file = root.path() / "strata-nopid1";
  const auto not_ours = root.path() / "other-dead01";
  make_cluster_dir(dead_owner, dead_pid());
  make_cluster_dir(live_owner, ::getpid());
  make_cluster_dir(no_owner_file, std::nullopt);
  make_cluster_dir(not_ours, dead_pid());

  ClusterOptions options;
  options.temp_root = root.path();
  auto cluster = EphemeralCluster::start(options);
  EXPECT_EQ(cluster->directory().parent_path(), root.path());
  EXPECT_FALSE(std::filesystem::exists(dead_owner));
  EXPECT_TRUE(std::filesystem::exists(live_owner));
  EXPECT_TRUE(std::filesystem::exists(no_owner_file));
  EXPECT_TRUE(std::filesystem::exists(not_ours));
}

}  // namespace
}  // namespace strata::runtime
