// A hand-written migration history of a small shop (tests/lint/data/realistic): the mistakes
// real projects make, next to the safe versions of the same changes. Every finding below was
// checked by hand (docs/lint.md lists them with the reason); the files not listed must stay clean.
#include <gtest/gtest.h>

#include <filesystem>

#include "lint_test_support.h"

namespace strata::lint {
namespace {

TEST(RealisticHistory, FindsExactlyTheDangerousStatements) {
  const auto directory = std::filesystem::path(STRATA_SOURCE_DIR) / "tests/lint/data/realistic";
  const auto report = lint(migrations::read_directory(directory));
  std::vector<std::string> found;
  for (const auto& finding : report.findings) {
    found.push_back(finding.file.filename().string() + ":" + std::to_string(finding.line) + ":" +
                    std::to_string(finding.column) + " " + to_string(finding.severity) + " " + finding.rule +
                    (finding.suppressed ? " suppressed" : finding.approved ? " approved" : ""));
  }
  const std::vector<std::string> expected{
      "20250115000000_index_orders_customer.sql:1:1 error index-not-concurrent",
      "20250201000000_orders_status.sql:2:24 error check-not-valid",
      "20250205000000_customer_public_id.sql:1:66 error volatile-default",
      "20250205000000_customer_public_id.sql:2:1 error index-not-concurrent",
      "20250210000000_order_items_fk.sql:4:1 error foreign-key-not-valid",
      "20250215000000_products_sku_unique.sql:1:26 error unique-without-concurrent-index",
      "20250301000000_price_bigint.sql:1:35 error column-type-change",
      "20250305000000_email_not_null.sql:2:1 error set-not-null-without-check",
      "20250310000000_rename_phone.sql:1:1 error rename-column",
      "20250315000000_drop_legacy.sql:3:1 error drop-column approved",
      "20250315000000_drop_legacy.sql:4:1 error drop-table approved",
      "20250320000000_backfill_status.sql:1:1 error transaction-statement",
      "20250320000000_backfill_status.sql:3:1 error transaction-statement",
      "20250410000000_drop_pickup.sql:3:1 error enum-value-removal",
      "20250410000000_drop_pickup.sql:5:33 error column-type-change",
      "20250415000000_reindex_orders.sql:2:1 warning no-transaction-without-lock-timeout",
      "20250415000000_reindex_orders.sql:2:1 error reindex-not-concurrent",
      "20250420000000_products_title_index.sql:2:1 error index-not-concurrent suppressed",
      "20250425000000_line_numbers.sql:1:44 error add-serial-column",
      "20250501000000_clear_carts.sql:1:1 error truncate",
  };
  EXPECT_EQ(found, expected) << testing::describe(report);
  EXPECT_EQ(report.files, 24);
  EXPECT_TRUE(report.failed());
}

}  // namespace
}  // namespace strata::lint
