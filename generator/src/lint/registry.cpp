// The rule set: ids are stable (suppression comments and CI configurations name them).
#include <algorithm>

#include "strata/lint.h"

namespace strata::lint {

std::string to_string(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "error";
}

const std::vector<Rule>& rules() {
  constexpr auto E = Severity::Error;
  constexpr auto W = Severity::Warning;
  constexpr auto I = Severity::Info;
  static const std::vector<Rule> all{
      // locks and rewrites
      {"index-not-concurrent", E, true, false, "CREATE INDEX without CONCURRENTLY on an existing table"},
      {"drop-index-not-concurrent", W, true, false, "DROP INDEX without CONCURRENTLY on an existing table"},
      {"concurrently-in-transaction", E, true, false, "CONCURRENTLY (or VACUUM) in a file that runs in a transaction"},
      {"foreign-key-not-valid", E, true, false, "foreign key added to an existing table without NOT VALID"},
      {"check-not-valid", E, true, false, "CHECK constraint added to an existing table without NOT VALID"},
      {"set-not-null-without-check", E, true, false, "SET NOT NULL without a validated CHECK (col IS NOT NULL)"},
      {"column-type-change", E, true, false, "column type change that may rewrite the table"},
      {"volatile-default", E, true, false, "column added with a volatile default (rewrites the table)"},
      {"not-null-without-default", E, true, false, "NOT NULL column added to an existing table without a default"},
      {"add-serial-column", E, true, false, "serial or identity column added to an existing table (rewrite)"},
      {"stored-generated-column", E, true, false, "stored generated column added to an existing table (rewrite)"},
      {"unique-without-concurrent-index", E, true, false, "UNIQUE or PRIMARY KEY added without USING INDEX"},
      {"exclusion-constraint", E, true, false, "exclusion constraint added to an existing table"},
      {"table-rewrite", E, true, false, "SET LOGGED / UNLOGGED / TABLESPACE / ACCESS METHOD rewrites the table"},
      {"vacuum-full", E, true, false, "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock"},
      {"cluster", E, true, false, "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock"},
      {"reindex-not-concurrent", E, true, false, "REINDEX without CONCURRENTLY"},
      {"lock-table", W, true, false, "explicit LOCK TABLE"},
      {"detach-partition-not-concurrent", W, true, false, "DETACH PARTITION without CONCURRENTLY"},
      {"no-transaction-without-lock-timeout", W, true, false,
       "no-transaction file locks an existing table without SET lock_timeout"},
      {"require-lock-timeout", W, true, false,
       "a file that locks an existing table sets no lock_timeout (only with --assume-runner other)"},
      {"transaction-statement", E, true, false, "BEGIN / COMMIT / ROLLBACK / SAVEPOINT inside a migration"},
      // data loss
      {"drop-column", E, true, true, "column dropped"},
      {"drop-table", E, true, true, "table dropped"},
      {"drop-schema", E, true, true, "schema dropped"},
      {"drop-database", E, true, true, "database dropped"},
      {"truncate", E, true, true, "TRUNCATE"},
      {"enum-value-removal", E, true, true, "enum value removed or renamed"},
      // the running application
      {"rename-column", E, true, false, "column renamed (breaks the running application)"},
      {"rename-table", E, true, false, "table or view renamed (breaks the running application)"},
      // schema style (opt-in)
      {"prefer-bigint", W, false, false, "int / smallint / serial column: prefer bigint"},
      {"prefer-timestamptz", W, false, false, "timestamp without time zone: prefer timestamptz"},
      {"prefer-identity", W, false, false, "serial column: prefer an identity column"},
      {"ban-char", W, false, false, "char(n) column: prefer text or varchar"},
      // the linter itself
      {"syntax-error", E, true, false, "the file does not parse"},
      {"identifier-too-long", W, true, false, "a name over 63 bytes (PostgreSQL truncates it silently)"},
      {"lint-ignore-without-reason", W, true, false, "lint-ignore comment without a reason (not applied)"},
      {"lint-ignore-unknown-rule", W, true, false, "lint-ignore comment names an unknown rule"},
      {"lint-ignore-unused", I, true, false, "lint-ignore comment that suppressed nothing"},
      {"approved-without-reason", W, true, false, "`-- strata:approved` without a reason (not applied)"},
  };
  return all;
}

const Rule* find_rule(const std::string& id) {
  const auto& all = rules();
  const auto it = std::find_if(all.begin(), all.end(), [&](const Rule& rule) { return rule.id == id; });
  return it == all.end() ? nullptr : &*it;
}

bool Report::failed() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& finding) { return finding.fails(); });
}

}  // namespace strata::lint
