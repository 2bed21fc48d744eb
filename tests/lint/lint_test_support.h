// Helpers for the lint suites: lint SQL text as the newest migration after a few earlier ones.
#pragma once

#include <string>
#include <vector>

#include "strata/lint.h"

namespace strata::lint::testing {

// The history most rule tests start from: tables with rows in production.
extern const std::vector<std::string> kHistory;

// Lints `sql` as migration.sql after `history` (the up SQL of earlier migrations, in order).
Report lint_sql(const std::string& sql, const std::vector<std::string>& history = kHistory,
                const Options& options = {});

// The findings of `rule` (suppressed ones included).
std::vector<Finding> findings_of(const Report& report, const std::string& rule);

// The report as text, for failure messages.
std::string describe(const Report& report);

}  // namespace strata::lint::testing
