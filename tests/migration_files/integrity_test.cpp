#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "strata/migration_integrity.h"

namespace strata::migrations {
namespace {

namespace fs = std::filesystem;

class MigrationDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata-migrations-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write("20260101000000_create_users.sql", "CREATE TABLE users (id int);\n");
    write("20260101000000_create_users.down.sql", "DROP TABLE users;\n");
    write("20260102000000_add_email.sql", "-- strata:destructive\nALTER TABLE users ADD email text;\n");
    write("20260103000000_index.sql", "-- strata:no-transaction\n\nCREATE INDEX CONCURRENTLY i ON users (id);\n");
    write_integrity_file(dir_, read_directory(dir_));
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::vector<std::string> problems() { return verify_integrity(dir_, read_directory(dir_)); }

  fs::path dir_;
};

TEST_F(MigrationDirectory, ReadsMigrationsInVersionOrderWithPragmas) {
  const auto migrations = read_directory(dir_);
  ASSERT_EQ(migrations.size(), 3u);
  EXPECT_EQ(migrations[0].name(), "20260101000000_create_users");
  EXPECT_TRUE(migrations[0].down.has_value());
  EXPECT_FALSE(migrations[1].down.has_value());
  EXPECT_TRUE(migrations[1].up.pragmas.destructive);
  EXPECT_FALSE(migrations[1].up.pragmas.no_transaction);
  EXPECT_TRUE(migrations[2].up.pragmas.no_transaction);
}

TEST(Pragmas, ApprovedCarriesItsReason) {
  const auto approved = parse_pragmas("-- strata:no-transaction\n-- strata:approved  reviewed with the DBA, table is tiny \nSELECT 1;\n");
  EXPECT_TRUE(approved.no_transaction);
  EXPECT_TRUE(approved.approved);
  EXPECT_FALSE(approved.destructive);
  EXPECT_EQ(approved.approved_reason, "reviewed with the DBA, table is tiny");

  const auto bare = parse_pragmas("-- strata:approved\nSELECT 1;\n");
  EXPECT_TRUE(bare.approved);
  EXPECT_EQ(bare.approved_reason, "");

  // Only the header counts: after the first statement it is an ordinary comment.
  const auto late = parse_pragmas("SELECT 1;\n-- strata:approved too late\n");
  EXPECT_FALSE(late.approved);
  EXPECT_FALSE(parse_pragmas("-- strata:destructive\n").approved);
}

TEST_F(MigrationDirectory, FreshSumFileVerifies) { EXPECT_TRUE(problems().empty()); }

TEST_F(MigrationDirectory, EditedMigrationIsNamed) {
  write("20260101000000_create_users.sql", "CREATE TABLE users (id bigint);\n");
  const auto found = problems();
  ASSERT_FALSE(found.empty());
  EXPECT_NE(found.back().find("20260101000000_create_users.sql: edited"), std::string::npos) << found.back();
}

TEST_F(MigrationDirectory, DeletedMigrationIsNamed) {
  fs::remove(dir_ / "20260102000000_add_email.sql");
  const auto found = problems();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("20260102000000_add_email.sql: deleted"), std::string::npos) << found[0];
}

TEST_F(MigrationDirectory, UnrecordedMigrationIsNamed) {
  write("20260104000000_more.sql", "SELECT 1;\n");
  const auto found = problems();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("20260104000000_more.sql: not recorded"), std::string::npos) << found[0];
}

TEST_F(MigrationDirectory, ReorderedPairIsNamed) {
  // strata.sum recorded 0102 before 0101 (say, a timestamp was edited in a rebase).
  auto recorded = read_directory(dir_);
  std::swap(recorded[0], recorded[1]);
  write_integrity_file(dir_, recorded);
  const auto found = problems();
  ASSERT_FALSE(found.empty());
  EXPECT_NE(found.back().find("20260101000000_create_users.sql: out of order"), std::string::npos) << found.back();
}

TEST_F(MigrationDirectory, HandEditedSumFileIsCaught) {
  std::ofstream(dir_ / kIntegrityFileName, std::ios::app) << "20260109000000_x.sql abc\n";
  EXPECT_FALSE(problems().empty());
}

TEST_F(MigrationDirectory, BadNamesAndOrphanDownFilesAreErrors) {
  write("notes.sql", "SELECT 1;");
  EXPECT_THROW(read_directory(dir_), MigrationError);
  fs::remove(dir_ / "notes.sql");
  write("20260105000000_gone.down.sql", "SELECT 1;");
  EXPECT_THROW(read_directory(dir_), MigrationError);
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace strata::migrations
