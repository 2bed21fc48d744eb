// Every rule: a migration that triggers it, and the safe way to write the same change, which
// must produce no finding at all. The history (lint_test_support.cpp) holds users, orders (with
// index orders_user), enum mood ('sad', 'ok', 'happy') and the partitioned table events.
#include <gtest/gtest.h>

#include "lint_test_support.h"

namespace strata::lint {
namespace {

using testing::describe;
using testing::findings_of;
using testing::kHistory;
using testing::lint_sql;

struct RuleCase {
  std::string rule;
  std::string triggering;
  std::string clean;
  std::vector<std::string> history = kHistory;
  std::set<std::string> enable = {};
  Options::Runner runner = Options::Runner::strata;
};

void PrintTo(const RuleCase& rule_case, std::ostream* out) { *out << rule_case.rule; }

const std::vector<RuleCase>& cases() {
  static const std::vector<RuleCase> all{
      {"index-not-concurrent", "CREATE INDEX users_email ON users (email);\n",
       "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n"},
      {"index-not-concurrent", "CREATE UNIQUE INDEX users_email ON users (lower(email));\n",
       // a table created earlier in the same file is new: empty, and nobody uses it yet
       "CREATE TABLE tags (id bigint, name text);\nCREATE UNIQUE INDEX tags_name ON tags (name);\n"},
      {"index-not-concurrent", "CREATE INDEX events_at ON events (at);\n",
       // ON ONLY a partitioned table creates the parent index only; partitions are built concurrently
       "CREATE INDEX events_at ON ONLY events (at);\n"},
      {"drop-index-not-concurrent", "DROP INDEX orders_user;\n",
       "-- strata:no-transaction\nDROP INDEX CONCURRENTLY orders_user;\n"},
      {"drop-index-not-concurrent", "DROP INDEX IF EXISTS public.orders_user;\n",
       "CREATE TABLE tags (id bigint);\nCREATE INDEX tags_id ON tags (id);\nDROP INDEX tags_id;\n"},
      {"concurrently-in-transaction", "CREATE INDEX CONCURRENTLY users_email ON users (email);\n",
       "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n"},
      {"concurrently-in-transaction", "DROP INDEX CONCURRENTLY orders_user;\n",
       "-- strata:no-transaction\nDROP INDEX CONCURRENTLY orders_user;\n"},
      {"concurrently-in-transaction", "REINDEX (CONCURRENTLY) INDEX orders_user;\n",
       "-- strata:no-transaction\nREINDEX (CONCURRENTLY) INDEX orders_user;\n"},
      {"concurrently-in-transaction", "VACUUM (ANALYZE) orders;\n", "-- strata:no-transaction\nVACUUM (ANALYZE) orders;\n"},
      {"foreign-key-not-valid",
       "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n",
       "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"},
      {"foreign-key-not-valid",
       // NOT VALID, then VALIDATE in the same transaction: the ADD's lock is held during the scan
       "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
       "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n",
       "-- strata:no-transaction\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n",
       {kHistory[0], "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"}},
      {"foreign-key-not-valid", "ALTER TABLE orders ADD COLUMN buyer bigint REFERENCES users (id);\n",
       "CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));\n"},
      {"check-not-valid", "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0);\n",
       "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;\n"},
      {"check-not-valid", "ALTER TABLE orders ADD COLUMN quantity int CHECK (quantity > 0);\n",
       "ALTER TABLE orders ADD COLUMN quantity int;\n"
       "ALTER TABLE orders ADD CONSTRAINT quantity_positive CHECK (quantity > 0) NOT VALID;\n"},
      {"set-not-null-without-check", "ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n",
       "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT email_not_null;\n",
       {kHistory[0], "ALTER TABLE users ADD CONSTRAINT email_not_null CHECK (email IS NOT NULL) NOT VALID;\n",
        "-- strata:no-transaction\nALTER TABLE users VALIDATE CONSTRAINT email_not_null;\n"}},
      {"column-type-change", "ALTER TABLE orders ALTER COLUMN user_id TYPE integer;\n",
       // widening a varchar, varchar -> text, a wider numeric or timestamp precision: no rewrite
       "ALTER TABLE users ALTER COLUMN email TYPE varchar(200), ALTER COLUMN name TYPE varchar,\n"
       "  ALTER COLUMN score TYPE numeric(12,2), ALTER COLUMN seen TYPE timestamp(6);\n"
       "ALTER TABLE users ALTER COLUMN email TYPE text;\n"},
      {"column-type-change", "ALTER TABLE users ALTER COLUMN email TYPE varchar(50);\n",
       "ALTER TABLE users ALTER COLUMN email TYPE character varying(100);\n"},
      {"column-type-change", "ALTER TABLE users ALTER COLUMN name TYPE text USING trim(name);\n",
       "CREATE TABLE tags (id int);\nALTER TABLE tags ALTER COLUMN id TYPE bigint;\n"},
      {"volatile-default", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n",
       "ALTER TABLE users ADD COLUMN created timestamptz NOT NULL DEFAULT now(),\n"
       "  ADD COLUMN kind text NOT NULL DEFAULT 'plain', ADD COLUMN tags text[] DEFAULT '{}';\n"},
      {"volatile-default", "ALTER TABLE users ADD COLUMN at timestamptz DEFAULT clock_timestamp();\n",
       "ALTER TABLE users ADD COLUMN at timestamptz DEFAULT current_timestamp;\n"},
      {"volatile-default", "ALTER TABLE users ADD COLUMN code text DEFAULT upper(make_token());\n",
       "ALTER TABLE users ADD COLUMN code text DEFAULT upper(make_code());\n",
       {kHistory[0], "CREATE FUNCTION make_code() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'x' $$;\n"
                     "CREATE FUNCTION make_token() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT 'x' $$;\n"}},
      {"not-null-without-default", "ALTER TABLE users ADD COLUMN age integer NOT NULL;\n",
       "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;\n"},
      {"add-serial-column", "ALTER TABLE orders ADD COLUMN seq bigserial;\n", "ALTER TABLE orders ADD COLUMN seq bigint;\n"},
      {"add-serial-column", "ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;\n",
       "CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n"},
      {"stored-generated-column",
       "ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;\n",
       "CREATE TABLE tags (name text, lower_name text GENERATED ALWAYS AS (lower(name)) STORED);\n"},
      {"unique-without-concurrent-index", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n",
       "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n",
       {kHistory[0], "-- strata:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n"}},
      {"unique-without-concurrent-index", "ALTER TABLE orders ADD PRIMARY KEY (id);\n",
       "ALTER TABLE orders ADD CONSTRAINT orders_pk PRIMARY KEY USING INDEX orders_id;\n"},
      {"exclusion-constraint",
       "ALTER TABLE orders ADD CONSTRAINT no_overlap EXCLUDE USING gist (user_id WITH =);\n",
       "CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (during WITH &&));\n"},
      {"table-rewrite", "ALTER TABLE orders SET UNLOGGED;\n", "CREATE TABLE staging (a int);\nALTER TABLE staging SET UNLOGGED;\n"},
      {"vacuum-full", "-- strata:no-transaction\nVACUUM FULL orders;\n", "-- strata:no-transaction\nVACUUM orders;\n"},
      {"cluster", "CLUSTER orders USING orders_user;\n",
       "CREATE TABLE tags (id bigint PRIMARY KEY);\nCLUSTER tags USING tags_pkey;\n"},
      {"reindex-not-concurrent", "REINDEX INDEX orders_user;\n",
       "-- strata:no-transaction\nREINDEX (CONCURRENTLY) INDEX orders_user;\n"},
      {"lock-table", "LOCK TABLE orders IN SHARE MODE;\nUPDATE orders SET note = '';\n",
       "CREATE TABLE tags (id int);\nLOCK TABLE tags;\n"},
      {"detach-partition-not-concurrent", "ALTER TABLE events DETACH PARTITION events_2024;\n",
       "-- strata:no-transaction\nALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;\n"},
      {"no-transaction-without-lock-timeout",
       "-- strata:no-transaction\nALTER TABLE users ADD COLUMN nickname text;\n",
       "-- strata:no-transaction\nSET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nickname text;\n"},
      {"no-transaction-without-lock-timeout",
       // SET LOCAL ends with the statement's own transaction: it protects nothing here
       "-- strata:no-transaction\nSET LOCAL lock_timeout = '5s';\nCREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f();\n",
       // statements that only take SHARE UPDATE EXCLUSIVE locks do not hold up reads and writes
       "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n"
       "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\nALTER TYPE mood ADD VALUE 'great';\n"},
      {"transaction-statement", "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;\n",
       "ALTER TABLE users ADD COLUMN nickname text;\n"},
      {"drop-column", "ALTER TABLE users DROP COLUMN name;\n",
       "CREATE TABLE tags (id int, junk text);\nALTER TABLE tags DROP COLUMN junk;\n"},
      {"drop-column", "DROP TYPE mood CASCADE;\n", "DROP TYPE mood;\n"},
      {"drop-table", "DROP TABLE orders;\n", "CREATE TABLE scratch (a int);\nDROP TABLE scratch;\n"},
      {"drop-schema", "DROP SCHEMA legacy CASCADE;\n", "CREATE SCHEMA tmp;\nDROP SCHEMA tmp;\n"},
      {"drop-database", "DROP DATABASE other;\n", "SELECT 1;\n"},
      {"truncate", "TRUNCATE orders;\n", "CREATE TABLE staging (a int);\nTRUNCATE staging;\n"},
      {"enum-value-removal", "DROP TYPE mood;\nCREATE TYPE mood AS ENUM ('sad', 'happy');\n",
       "DROP TYPE mood;\nCREATE TYPE mood AS ENUM ('awful', 'sad', 'ok', 'happy');\n"},
      {"enum-value-removal",
       // the hand-written rename-and-recreate pattern
       "ALTER TYPE mood RENAME TO mood_old;\nCREATE TYPE mood AS ENUM ('sad', 'happy');\nDROP TYPE mood_old;\n",
       "ALTER TYPE mood ADD VALUE 'great' AFTER 'happy';\n"},
      {"enum-value-removal", "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';\n", "ALTER TYPE mood ADD VALUE 'fine';\n"},
      {"rename-column", "ALTER TABLE users RENAME COLUMN name TO full_name;\n",
       "CREATE TABLE tags (nm text);\nALTER TABLE tags RENAME COLUMN nm TO name;\n"},
      {"rename-table", "ALTER TABLE orders RENAME TO purchases;\n",
       "CREATE TABLE tag (id int);\nALTER TABLE tag RENAME TO tags;\n"},
      {"prefer-bigint", "CREATE TABLE tags (id integer PRIMARY KEY);\n", "CREATE TABLE tags (id bigint PRIMARY KEY);\n",
       kHistory, {"prefer-bigint"}},
      {"prefer-timestamptz", "CREATE TABLE tags (at timestamp);\n", "CREATE TABLE tags (at timestamptz);\n", kHistory,
       {"prefer-timestamptz"}},
      {"prefer-identity", "CREATE TABLE tags (id bigserial);\n",
       "CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY);\n", kHistory, {"prefer-identity"}},
      {"ban-char", "CREATE TABLE tags (code char(3));\n", "CREATE TABLE tags (code text);\n", kHistory, {"ban-char"}},
      {"syntax-error", "ALTER TABLE users ADD COLUMN;\n", "ALTER TABLE users ADD COLUMN nickname text;\n"},
      {"identifier-too-long",
       "CREATE TABLE tags (id int);\n"
       "CREATE INDEX tags_id_index_with_a_name_much_longer_than_postgresql_keeps_for_names_x ON tags (id);\n",
       "CREATE TABLE tags (id int);\nCREATE INDEX \"tags_id_index_with_a_name_exactly_63_bytes_long_which_is_the_ma\" ON tags (id);\n"},
      // Applied by a tool that sets no timeouts: a transactional file needs its own lock_timeout too.
      {"require-lock-timeout", "ALTER TABLE users ADD COLUMN nickname text;\n",
       "SET LOCAL lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nickname text;\n", kHistory, {},
       Options::Runner::other},
      // A table CREATE TABLE AS fills is not new: the foreign key scans every copied row.
      {"foreign-key-not-valid",
       "CREATE TABLE order_copy AS SELECT * FROM orders;\n"
       "ALTER TABLE order_copy ADD CONSTRAINT order_copy_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n",
       "CREATE TABLE order_copy AS SELECT * FROM orders WITH NO DATA;\n"
       "ALTER TABLE order_copy ADD CONSTRAINT order_copy_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n"},
      {"foreign-key-not-valid",
       "SELECT * INTO order_copy FROM orders;\n"
       "ALTER TABLE order_copy ADD CONSTRAINT order_copy_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n",
       "CREATE TABLE order_copy (user_id bigint);\n"
       "ALTER TABLE order_copy ADD CONSTRAINT order_copy_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n"},
  };
  return all;
}

class Rules : public ::testing::TestWithParam<RuleCase> {
 protected:
  Options options() const {
    Options options;
    options.enable = GetParam().enable;
    options.assume_runner = GetParam().runner;
    return options;
  }
};

TEST_P(Rules, TriggeringExampleIsFound) {
  const auto& rule_case = GetParam();
  const auto report = lint_sql(rule_case.triggering, rule_case.history, options());
  EXPECT_FALSE(findings_of(report, rule_case.rule).empty()) << rule_case.triggering << "\n" << describe(report);
  const Rule* rule = find_rule(rule_case.rule);
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(report.failed(), rule->severity == Severity::Error) << describe(report);
}

TEST_P(Rules, CleanExampleHasNoFindings) {
  const auto& rule_case = GetParam();
  const auto report = lint_sql(rule_case.clean, rule_case.history, options());
  EXPECT_TRUE(report.findings.empty()) << rule_case.clean << "\n" << describe(report);
}

INSTANTIATE_TEST_SUITE_P(EveryRule, Rules, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<RuleCase>& info) {
                           std::string name = info.param.rule + "_" + std::to_string(info.index);
                           for (auto& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST(Rules, EveryRuleHasACase) {
  std::set<std::string> covered;
  for (const auto& rule_case : cases()) covered.insert(rule_case.rule);
  for (const auto& rule : rules()) {
    if (rule.id.rfind("lint-ignore", 0) == 0 || rule.id == "approved-without-reason") continue;  // suppression_test
    EXPECT_TRUE(covered.count(rule.id)) << rule.id << " has no triggering/clean example";
  }
}

TEST(Rules, IdsAreUniqueKebabCase) {
  std::set<std::string> seen;
  for (const auto& rule : rules()) {
    EXPECT_TRUE(seen.insert(rule.id).second) << rule.id;
    for (const char c : rule.id) EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) || c == '-') << rule.id;
  }
}

TEST(Rules, StyleRulesAreOptIn) {
  const std::string sql = "CREATE TABLE tags (id serial, at timestamp, code char(2));\n";
  EXPECT_TRUE(lint_sql(sql).findings.empty()) << describe(lint_sql(sql));
  Options all;
  all.enable = {"all"};
  const auto report = lint_sql(sql, kHistory, all);
  for (const auto* rule : {"prefer-bigint", "prefer-timestamptz", "prefer-identity", "ban-char"}) {
    EXPECT_FALSE(findings_of(report, rule).empty()) << rule << "\n" << describe(report);
  }
  EXPECT_FALSE(report.failed()) << "style findings are warnings";
}

TEST(Rules, DisabledRuleIsNotReported) {
  Options options;
  options.disable = {"index-not-concurrent"};
  EXPECT_TRUE(lint_sql("CREATE INDEX users_email ON users (email);\n", kHistory, options).findings.empty());
  options.disable = {"no-such-rule"};
  EXPECT_THROW(lint_sql("SELECT 1;\n", kHistory, options), std::invalid_argument);
}

// ---- details of individual rules ----

TEST(ColumnTypeChange, UnknownCurrentTypeSaysSo) {
  const auto report = lint_sql("ALTER TABLE accounts ALTER COLUMN email TYPE varchar(200);\n");
  const auto found = findings_of(report, "column-type-change");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_NE(found[0].message.find("current type is unknown"), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].hint.find("varchar(n) to varchar(m >= n)"), std::string::npos) << found[0].hint;
}

TEST(ColumnTypeChange, KnowsTheTypeAfterEarlierChanges) {
  // users.email became varchar(200) in an earlier migration: 150 is a narrowing now.
  const auto report = lint_sql("ALTER TABLE users ALTER COLUMN email TYPE varchar(150);\n",
                               {kHistory[0], "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\n"});
  const auto found = findings_of(report, "column-type-change");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_NE(found[0].message.find("from varchar(200) to varchar(150)"), std::string::npos) << found[0].message;
}

TEST(ColumnTypeChange, CollationChangeRebuildsIndexesOnly) {
  const auto report = lint_sql("ALTER TABLE users ALTER COLUMN name TYPE text COLLATE \"C\";\n");
  const auto found = findings_of(report, "column-type-change");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_NE(found[0].message.find("collation"), std::string::npos) << found[0].message;
}

TEST(VolatileDefault, UnknownFunctionIsAWarning) {
  const auto report = lint_sql("ALTER TABLE users ADD COLUMN code text DEFAULT make_code();\n");
  const auto found = findings_of(report, "volatile-default");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_EQ(found[0].severity, Severity::Warning);
  EXPECT_FALSE(report.failed());
}

TEST(VolatileDefault, FunctionsCreatedVolatileCount) {
  const auto report = lint_sql("ALTER TABLE users ADD COLUMN code text DEFAULT make_code();\n",
                               {kHistory[0], "CREATE FUNCTION make_code() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;\n"});
  const auto found = findings_of(report, "volatile-default");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_EQ(found[0].severity, Severity::Error) << "a function without a volatility is VOLATILE";
}

TEST(EnumValueRemoval, NamesTheRemovedValues) {
  const auto report = lint_sql("DROP TYPE mood;\nCREATE TYPE mood AS ENUM ('sad', 'happy');\n");
  const auto found = findings_of(report, "enum-value-removal");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_NE(found[0].message.find("'ok'"), std::string::npos) << found[0].message;
  EXPECT_EQ(found[0].line, 2);
}

TEST(EnumValueRemoval, LabelsAddedEarlierAreKnown) {
  const auto report = lint_sql("DROP TYPE mood;\nCREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n",
                               {kHistory[0], "ALTER TYPE mood ADD VALUE 'great' AFTER 'happy';\n"});
  const auto found = findings_of(report, "enum-value-removal");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_NE(found[0].message.find("'great'"), std::string::npos) << found[0].message;
}

TEST(EnumValueRemoval, TypeUnknownToTheHistory) {
  const auto report = lint_sql("DROP TYPE status;\nCREATE TYPE status AS ENUM ('open');\n");
  const auto found = findings_of(report, "enum-value-removal");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_NE(found[0].message.find("cannot tell"), std::string::npos) << found[0].message;
}

TEST(SetNotNull, CheckValidatedInTheSameNoTransactionFileCounts) {
  const auto report = lint_sql(
      "-- strata:no-transaction\nSET lock_timeout = '5s';\n"
      "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL AND name IS NOT NULL) NOT VALID;\n"
      "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\n"
      "ALTER TABLE users ALTER COLUMN email SET NOT NULL, ALTER COLUMN name SET NOT NULL;\n");
  EXPECT_TRUE(report.findings.empty()) << describe(report);
}

TEST(SetNotNull, UnvalidatedCheckDoesNotCount) {
  const auto report = lint_sql("ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n",
                               {kHistory[0], "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n"});
  EXPECT_EQ(findings_of(report, "set-not-null-without-check").size(), 1u) << describe(report);
}

TEST(SetNotNull, AlreadyNotNullColumnIsClean) {
  EXPECT_TRUE(lint_sql("ALTER TABLE users ALTER COLUMN id SET NOT NULL;\n").findings.empty());
}

TEST(NewTables, OnlyTablesCreatedEarlierInTheSameFileAreNew) {
  // Created by an earlier migration: production has it, with rows.
  EXPECT_EQ(findings_of(lint_sql("CREATE INDEX tags_name ON tags (name);\n", {"CREATE TABLE tags (name text);\n"}),
                        "index-not-concurrent")
                .size(),
            1u);
  // Created later in the same file than the index: the index still comes first.
  EXPECT_EQ(findings_of(lint_sql("CREATE INDEX users_x ON users (name);\nCREATE TABLE users2 (a int);\n"),
                        "index-not-concurrent")
                .size(),
            1u);
  // Renamed within the file, still new.
  EXPECT_TRUE(lint_sql("CREATE TABLE tag (name text);\nALTER TABLE tag RENAME TO tags;\nCREATE INDEX ON tags (name);\n")
                  .findings.empty());
  // A table the history does not know is taken to exist (created outside the linted migrations).
  EXPECT_EQ(findings_of(lint_sql("ALTER TABLE accounts ADD CONSTRAINT c CHECK (a > 0);\n"), "check-not-valid").size(), 1u);
}

TEST(NoTransactionLockTimeout, ReportedOncePerFile) {
  const auto report = lint_sql(
      "-- strata:no-transaction\nALTER TABLE users ADD COLUMN a text;\nALTER TABLE orders ADD COLUMN b text;\n");
  EXPECT_EQ(findings_of(report, "no-transaction-without-lock-timeout").size(), 1u) << describe(report);
}

TEST(NoTransactionLockTimeout, IndexTheHistoryDoesNotKnow) {
  const auto report = lint_sql("-- strata:no-transaction\nDROP INDEX legacy_idx;\n");
  const auto found = findings_of(report, "no-transaction-without-lock-timeout");
  ASSERT_EQ(found.size(), 1u) << describe(report);
  EXPECT_NE(found[0].message.find("locks the table of index legacy_idx"), std::string::npos) << found[0].message;
  EXPECT_TRUE(findings_of(lint_sql("-- strata:no-transaction\nDROP INDEX orders_user;\n"),
                          "no-transaction-without-lock-timeout")[0]
                  .message.find("existing table orders") != std::string::npos);
}

TEST(NoTransactionLockTimeout, ZeroDoesNotCountSetConfigDoes) {
  EXPECT_EQ(findings_of(lint_sql("-- strata:no-transaction\nSET lock_timeout = 0;\nALTER TABLE users ADD COLUMN a text;\n"),
                        "no-transaction-without-lock-timeout")
                .size(),
            1u);
  EXPECT_TRUE(lint_sql("-- strata:no-transaction\nSELECT set_config('lock_timeout', '3s', false);\n"
                       "ALTER TABLE users ADD COLUMN a text;\n")
                  .findings.empty());
}

TEST(TransactionStatement, EveryKindIsNamed) {
  const auto report = lint_sql("SAVEPOINT a;\nROLLBACK TO SAVEPOINT a;\nCOMMIT;\n");
  const auto found = findings_of(report, "transaction-statement");
  ASSERT_EQ(found.size(), 3u) << describe(report);
  EXPECT_EQ(found[0].message.rfind("SAVEPOINT", 0), 0u) << found[0].message;
  EXPECT_EQ(found[1].message.rfind("ROLLBACK TO", 0), 0u) << found[1].message;
}

}  // namespace
}  // namespace strata::lint
