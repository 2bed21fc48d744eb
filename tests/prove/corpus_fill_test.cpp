// Synthetic rows on real schemas nobody here wrote (../shared/corpus): the share of tables that
// get every row, reported, and held above a floor so a regression in the value makers shows.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "strata/load.h"
#include "strata/prove.h"
#include "test_cluster.h"

namespace strata::prove {
namespace {

class CorpusFill : public ::testing::TestWithParam<std::pair<std::string, int>> {};

TEST_P(CorpusFill, MostTablesGetEveryRow) {
  const auto& [file, floor_percent] = GetParam();
  strata::testing::ScratchDb db("prove_corpus");
  load::execute_statements(db.connection_string(), load::read_schema_files(std::filesystem::path(STRATA_CORPUS_DIR) / file));
  const auto report = fill(db.connection_string());
  std::string notes;
  for (const auto& note : report.notes) notes += "  " + note + "\n";
  std::cout << file << ": " << report.holding_rows << " of " << report.tables << " tables hold rows (" << report.filled
            << " got all 20), " << report.rows << " synthetic rows\n"
            << notes;
  ASSERT_GT(report.tables, 0);
  EXPECT_GE(report.holding_rows * 100 / report.tables, floor_percent) << notes;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusFill,
                         // pagila's payments are partitioned by month: rows spread over the partitions.
                         ::testing::Values(std::pair<std::string, int>{"pagila.sql", 100},
                                           std::pair<std::string, int>{"northwind.sql", 100},
                                           std::pair<std::string, int>{"openstreetmap.sql", 100}),
                         [](const auto& info) { return info.param.first.substr(0, info.param.first.find('.')); });

}  // namespace
}  // namespace strata::prove
