// write_files: only changed files are written (unchanged ones keep their mtime), files of an
// earlier run that are no longer generated are removed.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "strata/codegen.h"

namespace strata::codegen {
namespace {

namespace fs = std::filesystem;
using Paths = std::vector<std::string>;

class WriteFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata_write_files_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string read(const std::string& path) const {
    std::ifstream in(dir_ / path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  fs::file_time_type mtime(const std::string& path) const { return fs::last_write_time(dir_ / path); }

  fs::path dir_;
};

TEST_F(WriteFiles, WritesOnlyWhatChanged) {
  const Files first = {{"include/db/a.h", "a1"}, {"include/db/b.h", "b1"}, {"src/shard_00.cpp", "s1"}};
  auto report = write_files(dir_, first);
  EXPECT_EQ(report.written, (Paths{"include/db/a.h", "include/db/b.h", "src/shard_00.cpp"}));
  EXPECT_TRUE(report.unchanged.empty());
  EXPECT_EQ(read("include/db/a.h"), "a1");
  EXPECT_EQ(read(kManifestFile), "include/db/a.h\ninclude/db/b.h\nsrc/shard_00.cpp\n");

  // Backdate everything, so a rewrite would show as a newer mtime even on coarse clocks.
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto* path : {"include/db/a.h", "include/db/b.h", "src/shard_00.cpp", kManifestFile}) {
    fs::last_write_time(dir_ / path, old_time);
  }
  report = write_files(dir_, first);
  EXPECT_TRUE(report.written.empty());
  EXPECT_EQ(report.unchanged.size(), 3u);
  for (const auto* path : {"include/db/a.h", "include/db/b.h", "src/shard_00.cpp", kManifestFile}) {
    EXPECT_EQ(mtime(path), old_time) << path;
  }

  Files second = first;
  second["include/db/b.h"] = "b2";
  report = write_files(dir_, second);
  EXPECT_EQ(report.written, (Paths{"include/db/b.h"}));
  EXPECT_EQ(read("include/db/b.h"), "b2");
  EXPECT_EQ(mtime("include/db/a.h"), old_time);
  EXPECT_EQ(mtime(kManifestFile), old_time);  // same set of files: manifest untouched
}

TEST_F(WriteFiles, RemovesStaleGeneratedFilesOnly) {
  write_files(dir_, {{"include/db/a.h", "a"}, {"include/db/audit/e.h", "e"}, {"src/shard_00.cpp", "s"}});
  std::ofstream(dir_ / "include/db/mine.h") << "not generated";
  const auto report = write_files(dir_, {{"include/db/a.h", "a"}, {"src/shard_00.cpp", "s"}});
  EXPECT_EQ(report.removed, (Paths{"include/db/audit/e.h"}));
  EXPECT_FALSE(fs::exists(dir_ / "include/db/audit/e.h"));
  EXPECT_FALSE(fs::exists(dir_ / "include/db/audit"));  // left empty: removed
  EXPECT_TRUE(fs::exists(dir_ / "include/db/mine.h"));  // never generated: kept
  EXPECT_EQ(read(kManifestFile), "include/db/a.h\nsrc/shard_00.cpp\n");
}

TEST_F(WriteFiles, LeavesNoTemporaryFiles) {
  write_files(dir_, {{"src/x.cpp", std::string(100000, 'x')}});
  write_files(dir_, {{"src/x.cpp", std::string(100000, 'y')}});
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_ / "src")) names.push_back(entry.path().filename().string());
  EXPECT_EQ(names, (Paths{"x.cpp"}));
  EXPECT_EQ(read("src/x.cpp"), std::string(100000, 'y'));
}

}  // namespace
}  // namespace strata::codegen
