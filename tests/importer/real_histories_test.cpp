// The importer on real public histories, when a directory of them is given
// (STRATA_IMPORT_CORPUS=<dir>/<tool>/...: copies of other projects' migrations, never committed;
// docs/migrations.md names the ones measured). Each one imports, applies with `strata migrate` and
// `verify` finds no drift, or is refused with its reason where strata has no equivalent.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "run_strata.h"
#include "test_cluster.h"

namespace {

namespace fs = std::filesystem;

struct RealHistory {
  std::string directory;  // under STRATA_IMPORT_CORPUS
  std::string tool;
  std::string source;     // what to import, relative to the directory ("" itself)
  std::string refusal;    // expected in the error when the import is refused
};

void PrintTo(const RealHistory& history, std::ostream* out) { *out << history.directory; }

class RealHistories : public ::testing::TestWithParam<RealHistory> {};

TEST_P(RealHistories, ImportApplyAndVerifyWithoutDrift) {
  const char* corpus = std::getenv("STRATA_IMPORT_CORPUS");
  if (corpus == nullptr || *corpus == '\0') GTEST_SKIP() << "STRATA_IMPORT_CORPUS is not set (a directory of real histories)";
  const auto& history = GetParam();
  const fs::path source = fs::path(corpus) / history.directory / history.source;
  if (!fs::exists(source)) GTEST_SKIP() << source << " is not in the corpus";
  const fs::path out = fs::temp_directory_path() / ("strata-import-real-" + std::to_string(::getpid()) + "-" + history.directory);
  fs::remove_all(out);
  auto run = strata::testing::run_strata({"import", "--from", history.tool, source.string(), "--out", out.string()});
  if (!history.refusal.empty()) {
    EXPECT_EQ(run.exit_code, 1) << run.all();
    EXPECT_NE(run.err.find(history.refusal), std::string::npos) << run.all();
    fs::remove_all(out);
    return;
  }
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_NE(run.out.find("(0 syntax errors)"), std::string::npos) << run.all();
  strata::testing::ScratchDb database("import_real");
  const auto url = strata::testing::shared_cluster().url(database.name());
  run = strata::testing::run_strata({"migrate", "--url", url, "--migrations", out.string()});
  EXPECT_EQ(run.exit_code, 0) << run.all();
  run = strata::testing::run_strata({"verify", "--url", url, "--migrations", out.string()});
  EXPECT_EQ(run.exit_code, 0) << run.all();
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, RealHistories,
    ::testing::Values(RealHistory{"flyway", "flyway", "", ""}, RealHistory{"golang-migrate", "golang-migrate", "", ""},
                      RealHistory{"goose", "goose", "", ""},
                      RealHistory{"goose-hatchet", "goose", "", "a goose Go migration"},
                      RealHistory{"sqitch", "sqitch", "", "is reworked (planned twice)"},
                      RealHistory{"diesel", "diesel", "", ""}, RealHistory{"sqlx", "sqlx", "", ""},
                      RealHistory{"node-pg-migrate", "node-pg-migrate", "", ""}, RealHistory{"prisma", "prisma", "", ""},
                      RealHistory{"drizzle", "drizzle", "", ""},
                      RealHistory{"liquibase", "liquibase", "xtages-console.xml", ""}),
    [](const ::testing::TestParamInfo<RealHistory>& info) {
      std::string name = info.param.directory;
      for (auto& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

}  // namespace
