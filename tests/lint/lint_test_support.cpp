#include "lint_test_support.h"

#include <algorithm>

#include "strata/migrations.h"

namespace strata::lint::testing {

const std::vector<std::string> kHistory{
    "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(100), name text,\n"
    "                    score numeric(10,2), seen timestamp(3));\n"
    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric(10,2), note text);\n"
    "CREATE INDEX orders_user ON orders (user_id);\n"
    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
    "CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at);\n"
    "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n",
};

Report lint_sql(const std::string& sql, const std::vector<std::string>& history, const Options& options) {
  std::vector<migrations::Migration> earlier;
  for (std::size_t i = 0; i < history.size(); ++i) {
    migrations::Migration migration;
    migration.version = "2026010100000" + std::to_string(i);
    migration.slug = "history_" + std::to_string(i);
    migration.up = {"history_" + std::to_string(i) + ".sql", history[i], migrations::parse_pragmas(history[i])};
    earlier.push_back(std::move(migration));
  }
  return lint_file("migration.sql", sql, earlier, options);
}

std::vector<Finding> findings_of(const Report& report, const std::string& rule) {
  std::vector<Finding> out;
  std::copy_if(report.findings.begin(), report.findings.end(), std::back_inserter(out),
               [&](const Finding& finding) { return finding.rule == rule; });
  return out;
}

std::string describe(const Report& report) { return format_text(report); }

}  // namespace strata::lint::testing
