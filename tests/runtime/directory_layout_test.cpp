// Where clusters put their files: short socket paths, directories the server account can reach,
// and no trusting a planted directory in /tmp. No server is started here.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "clusters/cache_layout.h"
#include "strata/error.h"
#include "clusters/ephemeral_directory.h"
#include "runtime_test_helpers.h"

namespace strata::runtime {
namespace {

using test::TempDir;

constexpr int kPort = 5432;

std::filesystem::path long_directory_under(const std::filesystem::path& base) {
  const auto dir = base / std::string(60, 'a') / std::string(60, 'b');
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(EphemeralDirectory, TmpdirTooLongForASocketFallsBackToTmp) {
  const TempDir base("layout-test", 0755);
  const test::ScopedEnvironment tmpdir({{"TMPDIR", long_directory_under(base.path()).string()}});
  EXPECT_EQ(choose_temp_root("", std::nullopt, kPort), "/tmp");
}

TEST(EphemeralDirectory, UsesAShortTmpdir) {
  const TempDir base("layout-test", 0755);
  const test::ScopedEnvironment tmpdir({{"TMPDIR", base.path().string()}});
  EXPECT_EQ(choose_temp_root("", std::nullopt, kPort), base.path());
}

TEST(EphemeralDirectory, TmpdirTheServerAccountCannotEnterFallsBackToTmp) {
  const TempDir private_dir("layout-test", 0700);
  const ServerAccount someone_else{"someone-else", 54321, 54321};
  const test::ScopedEnvironment tmpdir({{"TMPDIR", private_dir.path().string()}});
  EXPECT_EQ(choose_temp_root("", someone_else, kPort), "/tmp");
  EXPECT_THROW(choose_temp_root(private_dir.path(), someone_else, kPort), strata::Error);
}

TEST(EphemeralDirectory, CreatesAPrivateDirectoryWithOwnerPid) {
  const TempDir root("layout-test");
  const auto dir = create_ephemeral_directory(root.path());
  EXPECT_EQ(dir.parent_path(), root.path());
  EXPECT_EQ(dir.filename().string().rfind("strata-", 0), 0u);
  std::ifstream owner(dir / "owner.pid");
  pid_t pid = 0;
  owner >> pid;
  EXPECT_EQ(pid, ::getpid());
}

TEST(CacheLayout, ServerDirectoryInsideTheCacheWhenThePathIsShort) {
  const TempDir cache("layout-test");
  const CacheLayout layout = prepare_cache_layout(cache.path(), 15, std::nullopt, kPort);
  EXPECT_EQ(layout.state_dir, cache.path() / "pg15");
  EXPECT_EQ(layout.server_dir, cache.path() / "pg15" / "server");
  EXPECT_EQ(layout.server.socket_dir, layout.server_dir);
  EXPECT_EQ(layout.server.data_dir, layout.server_dir / "data");
}

TEST(CacheLayout, LongCachePathPutsTheServerDirectoryInTmp) {
  const TempDir base("layout-test");
  const auto cache = long_directory_under(base.path());
  const CacheLayout layout = prepare_cache_layout(cache, 15, std::nullopt, kPort);
  EXPECT_EQ(layout.state_dir, cache / "pg15");
  EXPECT_EQ(layout.server_dir.parent_path(), "/tmp");
  EXPECT_EQ(
      layout.server_dir.filename().string().rfind("strata-cache-" + std::to_string(::geteuid()) + "-", 0),
      0u);
  EXPECT_EQ(prepare_cache_layout(cache, 15, std::nullopt, kPort).server_dir, layout.server_dir);  // stable
  std::filesystem::remove_all(layout.server_dir);
}

TEST(CacheLayout, RefusesAServerDirectoryOthersCanWriteTo) {
  const TempDir base("layout-test");
  const auto cache = long_directory_under(base.path());
  const auto server_dir = prepare_cache_layout(cache, 15, std::nullopt, kPort).server_dir;
  ::chmod(server_dir.c_str(), 0777);  // as if someone else had planted it
  EXPECT_THROW(prepare_cache_layout(cache, 15, std::nullopt, kPort), std::runtime_error);
  std::filesystem::remove_all(server_dir);
}

}  // namespace
}  // namespace strata::runtime
