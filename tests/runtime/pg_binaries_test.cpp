#include <gtest/gtest.h>

#include <cstdlib>

// The search with injected inputs is internal to the runtime library.
#include "clusters/pg_binaries_search.h"
#include "runtime_test_helpers.h"

namespace strata::runtime {
namespace {

using test::TempDir;
using test::write_file;

// A directory with fake server programs; `postgres --version` reports `version`.
void make_fake_bindir(const std::filesystem::path& dir, const std::string& version,
                      bool with_postgres = true) {
  write_file(dir / "initdb", "#!/bin/sh\nexit 0\n", 0755);
  if (with_postgres) {
    write_file(dir / "postgres", "#!/bin/sh\necho 'postgres (PostgreSQL) " + version + "'\n", 0755);
  }
}

std::string process_path() { return std::getenv("PATH") ? std::getenv("PATH") : ""; }

TEST(PgBinaries, FindsInstalledServerPrograms) {
  const PgBinaries binaries = PgBinaries::find();
  EXPECT_TRUE(std::filesystem::exists(binaries.tool("initdb")));
  EXPECT_TRUE(std::filesystem::exists(binaries.tool("postgres")));
  EXPECT_GE(binaries.major_version, 10);
}

TEST(PgBinaries, StrataPgBindirComesFirst) {
  TempDir dir;
  make_fake_bindir(dir.path(), "99.2 (Fake)");
  const PgBinaries binaries = find_pg_binaries({dir.path().string(), process_path()});
  EXPECT_EQ(binaries.bindir, dir.path());
  EXPECT_EQ(binaries.major_version, 99);
}

TEST(PgBinaries, BadStrataPgBindirFallsThrough) {
  const PgBinaries binaries = find_pg_binaries({"/nonexistent/strata-bindir", process_path()});
  EXPECT_NE(binaries.bindir, "/nonexistent/strata-bindir");
  EXPECT_TRUE(std::filesystem::exists(binaries.tool("postgres")));
}

TEST(PgBinaries, DirectoryNeedsBothInitdbAndPostgres) {
  TempDir only_initdb;
  make_fake_bindir(only_initdb.path(), "99.0", /*with_postgres=*/false);
  TempDir complete;
  make_fake_bindir(complete.path(), "98.0");
  const std::string path = only_initdb.path().string() + ":" + complete.path().string();
  const PgBinaries binaries = find_pg_binaries({std::nullopt, path, "/nonexistent/versioned-root"});
  EXPECT_EQ(binaries.bindir, complete.path());
  EXPECT_EQ(binaries.major_version, 98);
}

TEST(PgBinaries, UsesPgConfigBindirBeforePath) {
  TempDir tools;  // on PATH: pg_config pointing elsewhere, and a complete fake bindir of its own
  TempDir pointed_to;
  make_fake_bindir(pointed_to.path(), "97.1");
  make_fake_bindir(tools.path(), "96.1");
  write_file(tools.path() / "pg_config", "#!/bin/sh\necho '" + pointed_to.path().string() + "'\n", 0755);
  const PgBinaries binaries =
      find_pg_binaries({std::nullopt, tools.path().string(), "/nonexistent/versioned-root"});
  EXPECT_EQ(binaries.bindir, pointed_to.path());
  EXPECT_EQ(binaries.major_version, 97);
}

TEST(PgBinaries, VersionedRootNewestMajorFirst) {
  TempDir root;
  for (const char* major : {"9", "16", "12"}) {
    std::filesystem::create_directories(root.path() / major / "bin");
    make_fake_bindir(root.path() / major / "bin", std::string(major) + ".0");
  }
  const PgBinaries binaries = find_pg_binaries({std::nullopt, "", root.path()});
  EXPECT_EQ(binaries.major_version, 16);
}

TEST(PgBinaries, ErrorListsEveryPlaceLookedAt) {
  TempDir empty_path_dir;
  const PgBinariesSearch nothing_there{"/nonexistent/strata-bindir", empty_path_dir.path().string(),
                                       "/nonexistent/versioned-root"};
  try {
    find_pg_binaries(nothing_there);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("$STRATA_PG_BINDIR: /nonexistent/strata-bindir"), std::string::npos) << message;
    EXPECT_NE(message.find("pg_config"), std::string::npos) << message;
    EXPECT_NE(message.find("PATH: " + empty_path_dir.path().string()), std::string::npos) << message;
    EXPECT_NE(message.find("/nonexistent/versioned-root"), std::string::npos) << message;
    EXPECT_NE(message.find("STRATA_PG_BINDIR to"), std::string::npos) << message;
  }
}

TEST(PgBinaries, ParsesMajorVersion) {
  EXPECT_EQ(parse_major_version("postgres (PostgreSQL) 15.4 (Debian 15.4-1.pgdg120+1)\n"), 15);
  EXPECT_EQ(parse_major_version("postgres (PostgreSQL) 17devel\n"), 17);
  EXPECT_THROW(parse_major_version("something else"), std::runtime_error);
}

}  // namespace
}  // namespace strata::runtime
