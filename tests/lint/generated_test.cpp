// strata lint on the migrations strata generate writes with its safe defaults (online index
// builds, NOT VALID + VALIDATE): the real-world schemas of ../shared/corpus from empty, and a
// sequence of everyday changes. Any finding there is a generator problem or a lint false positive.
#include <gtest/gtest.h>

#include <algorithm>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "lint_test_support.h"
#include "strata/generate.h"
#include "test_cluster.h"

namespace strata::lint {
namespace {

namespace fs = std::filesystem;
using testing::describe;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class Generated : public ::testing::Test {
 protected:
  void SetUp() override {
    // A parameterized test's name has a '/' ("FromEmptyHasNoFindings/northwind"): one directory,
    // which TearDown removes whole.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');
    root_ = fs::temp_directory_path() / ("strata-lint-gen-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(root_);
    fs::create_directories(root_ / "schema");
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path migrations() const { return root_ / "migrations"; }
  void declare(const std::string& text) { std::ofstream(root_ / "schema" / "schema.sql") << text; }

  // Runs strata generate (defaults: online) for `schema`; returns the files it wrote.
  std::vector<fs::path> generate(const fs::path& schema) {
    strata::generate::Options options;
    options.schema = schema;
    options.migrations = migrations();
    options.now = std::chrono::system_clock::time_point(std::chrono::hours(24 * 365 * 56));
    const auto result = strata::generate::generate(options, strata::testing::shared_cluster());
    EXPECT_EQ(result.status, strata::generate::Result::Status::Written);
    return result.written;
  }
  std::vector<fs::path> generate() { return generate(root_ / "schema"); }

  Report lint_directory() { return lint(migrations::read_directory(migrations())); }

  std::string all_migrations() const {
    std::string text;
    for (const auto& migration : migrations::read_directory(migrations())) {
      text += "---- " + migration.up.path.filename().string() + "\n" + migration.up.sql;
    }
    return text;
  }

  // The up SQL of every migration written since `count` migrations existed.
  std::string written_since(std::size_t count) const {
    const auto all = migrations::read_directory(migrations());
    std::string text;
    for (std::size_t i = count; i < all.size(); ++i) text += all[i].up.sql;
    return text;
  }
  std::size_t migration_count() const { return migrations::read_directory(migrations()).size(); }

  void expect_no_findings(const std::string& step) {
    const auto report = lint_directory();
    EXPECT_TRUE(report.findings.empty()) << step << "\n" << describe(report) << all_migrations();
  }

  fs::path root_;
};

class GeneratedCorpus : public Generated, public ::testing::WithParamInterface<std::string> {};

TEST_P(GeneratedCorpus, FromEmptyHasNoFindings) {
  const fs::path schema = fs::path(STRATA_CORPUS_DIR) / GetParam();
  if (!fs::exists(schema)) GTEST_SKIP() << schema << " is missing (STRATA_CORPUS_DIR)";
  generate(schema);
  expect_no_findings(GetParam() + " from empty");
  // Every up file of the directory was linted.
  EXPECT_EQ(lint_directory().files, static_cast<int>(migrations::read_directory(migrations()).size()));
}

INSTANTIATE_TEST_SUITE_P(Corpus, GeneratedCorpus, ::testing::Values("northwind.sql", "pagila.sql", "openstreetmap.sql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

const std::string kStatus = "CREATE TYPE status AS ENUM ('open', 'done');\n";
const std::string kUsers =
    "CREATE TABLE users (\n"
    "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
    "  email varchar(100) NOT NULL,\n"
    "  name text\n"
    ");\n";

std::string tasks(const std::string& extra_columns, const std::string& after = "") {
  return "CREATE TABLE tasks (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  title text NOT NULL,\n"
         "  status status NOT NULL DEFAULT 'open'" +
         extra_columns + "\n);\n" + after;
}

TEST_F(Generated, EverydayChangesHaveNoFindings) {
  declare(kStatus + kUsers + tasks(""));
  generate();
  expect_no_findings("initial schema");

  // a column with a default, and a NOT NULL column with a constant default
  declare(kStatus + kUsers + tasks(",\n  note text DEFAULT ''::text,\n  priority integer NOT NULL DEFAULT 0"));
  generate();
  expect_no_findings("add columns with defaults");

  // a stable default (now() is evaluated once)
  const std::string with_columns = ",\n  note text DEFAULT ''::text,\n  priority integer NOT NULL DEFAULT 0,\n"
                                   "  created timestamptz NOT NULL DEFAULT now()";
  declare(kStatus + kUsers + tasks(with_columns));
  generate();
  expect_no_findings("add a column defaulting to now()");

  // an index on an existing table: CONCURRENTLY, in a no-transaction *_online.sql
  const std::string index = "CREATE INDEX tasks_by_title ON tasks (title);\n";
  declare(kStatus + kUsers + tasks(with_columns, index));
  auto before = migration_count();
  generate();
  expect_no_findings("add an index");
  EXPECT_NE(written_since(before).find("CREATE INDEX CONCURRENTLY"), std::string::npos) << written_since(before);

  // a foreign key (new column + NOT VALID, validated in the online file)
  const std::string with_owner = with_columns + ",\n  owner bigint REFERENCES users";
  declare(kStatus + kUsers + tasks(with_owner, index));
  before = migration_count();
  generate();
  expect_no_findings("add a foreign key");
  EXPECT_NE(written_since(before).find("NOT VALID"), std::string::npos) << written_since(before);
  EXPECT_NE(written_since(before).find("VALIDATE CONSTRAINT"), std::string::npos) << written_since(before);

  // a check constraint on an existing table
  const std::string with_check = with_owner + ",\n  CONSTRAINT priority_range CHECK (priority BETWEEN 0 AND 9)";
  declare(kStatus + kUsers + tasks(with_check, index));
  generate();
  expect_no_findings("add a check");

  // widen a varchar
  std::string wide_users = kUsers;
  wide_users.replace(wide_users.find("varchar(100)"), 12, "varchar(200)");
  declare(kStatus + wide_users + tasks(with_check, index));
  before = migration_count();
  generate();
  expect_no_findings("widen varchar(100) to varchar(200)");
  EXPECT_NE(written_since(before).find("TYPE character varying(200)"), std::string::npos) << written_since(before);

  // a new enum value, a new table referencing an existing one, an index drop
  // (tasks with these columns, beside the other tables as they now are)
  const auto with_comments = [&](const std::string& task_columns) {
    return "CREATE TYPE status AS ENUM ('open', 'blocked', 'done');\n" + wide_users + tasks(task_columns) +
           "CREATE TABLE comments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, task bigint NOT NULL REFERENCES "
           "tasks, body text NOT NULL);\nCREATE INDEX comments_by_task ON comments (task);\n";
  };
  declare(with_comments(with_check));
  generate();
  expect_no_findings("enum value, new table, dropped index");

  // a UNIQUE constraint on an existing column: the index built concurrently, then USING INDEX
  const std::string unique_title = with_check + ",\n  CONSTRAINT tasks_title_key UNIQUE (title)";
  declare(with_comments(unique_title));
  before = migration_count();
  generate();
  expect_no_findings("add a unique constraint");
  EXPECT_NE(written_since(before).find("UNIQUE USING INDEX"), std::string::npos) << written_since(before);

  // a nullable column made NOT NULL: CHECK NOT VALID, VALIDATE, SET NOT NULL, DROP CONSTRAINT
  std::string required_note = unique_title;
  required_note.replace(required_note.find("note text DEFAULT"), 17, "note text NOT NULL DEFAULT");
  declare(with_comments(required_note));
  before = migration_count();
  generate();
  expect_no_findings("make a column NOT NULL");
  EXPECT_NE(written_since(before).find("VALIDATE CONSTRAINT tasks_note_not_null"), std::string::npos) << written_since(before);
}

// Changes strata generate cannot make online today: lint must flag them (or, once the generator
// learns to write them safely, find nothing). Printed so the report can list them.
TEST_F(Generated, FlagsWhatTheGeneratorDoesNotMakeOnline) {
  const std::string users_v1 =
      "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), name text, visits integer);\n";
  declare(kStatus + users_v1);
  generate();
  expect_no_findings("initial");

  struct Gap {
    std::string what;
    std::string schema;
    std::string rule;
  };
  const std::vector<Gap> gaps{
      {"integer widened to bigint", kStatus + "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), name "
       "text, visits bigint);\n", "column-type-change"},
      {"enum label removed (type unused)", "CREATE TYPE status AS ENUM ('open');\n" + users_v1, "enum-value-removal"},
      {"column added with DEFAULT gen_random_uuid()", kStatus + "CREATE TABLE users (id bigint PRIMARY KEY, email "
       "varchar(100), name text, visits integer, token uuid DEFAULT gen_random_uuid());\n", "volatile-default"},
      {"NOT NULL column without a default added", kStatus + "CREATE TABLE users (id bigint PRIMARY KEY, email "
       "varchar(100), name text, visits integer, level integer NOT NULL);\n", "not-null-without-default"},
      {"identity column added", kStatus + "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), name text, "
       "visits integer, n bigint GENERATED ALWAYS AS IDENTITY);\n", "add-serial-column"},
  };
  for (const auto& gap : gaps) {
    SCOPED_TRACE(gap.what);
    const auto before = migrations::read_directory(migrations()).size();
    declare(gap.schema);
    std::vector<fs::path> written;
    try {
      written = generate();
    } catch (const strata::generate::GenerateError& error) {
      std::cerr << "generator gap: " << gap.what << " -> refused by strata generate: " << error.what() << "\n";
      continue;
    }
    ASSERT_FALSE(written.empty());
    Options options;
    for (const auto& path : written) {
      if (path.string().find(".down.") == std::string::npos) options.only.push_back(path);
    }
    const auto report = lint(migrations::read_directory(migrations()), options);
    std::string rules;
    for (const auto& finding : report.findings) rules += finding.rule + " ";
    std::cerr << "generator gap: " << gap.what << " -> " << (rules.empty() ? "(no finding)" : rules) << "\n";
    for (const auto& finding : report.findings) {
      EXPECT_EQ(finding.rule, gap.rule) << describe(report) << read_text(written[0]);
    }
    // Back to the first state for the next gap: remove what was just generated.
    for (const auto& path : written) fs::remove(path);
    migrations::write_integrity_file(migrations(), migrations::read_directory(migrations()));
    ASSERT_EQ(migrations::read_directory(migrations()).size(), before);
  }
}

TEST_F(Generated, ApprovedDestructiveChangeDoesNotFail) {
  declare(kStatus + kUsers);
  generate();
  declare(kStatus + "CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                    "  email varchar(100) NOT NULL\n);\n");
  strata::generate::Options options;
  options.schema = root_ / "schema";
  options.migrations = migrations();
  options.allow_destructive = true;
  strata::generate::generate(options, strata::testing::shared_cluster());
  const auto report = lint_directory();
  ASSERT_EQ(report.findings.size(), 1u) << describe(report) << all_migrations();
  EXPECT_EQ(report.findings[0].rule, "drop-column");
  EXPECT_TRUE(report.findings[0].approved) << "generate writes -- strata:destructive";
  EXPECT_FALSE(report.failed());
}

}  // namespace
}  // namespace strata::lint
