// The developer's loop (docs/devloop.md): strata push, strata seed, strata docs, against real
// PostgreSQL and the corpus schemas.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include <pqxx/pqxx>

#include "cli_runner_support.h"
#include "strata/docs.h"
#include "strata/introspect.h"
#include "strata/runner.h"
#include "test_cluster.h"

namespace {

namespace fs = std::filesystem;
using strata::testing::ScratchDb;
using strata::testing::TempProject;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string url_of(const ScratchDb& database) { return strata::testing::shared_cluster().url(database.name()); }

// northwind.sql without its rows: the declared schema of a database that has them.
std::string northwind_schema() {
  std::istringstream in(read_file(fs::path(STRATA_CORPUS_DIR) / "northwind.sql"));
  std::string schema, line;
  while (std::getline(in, line)) {
    if (line.rfind("INSERT INTO", 0) != 0) schema += line + "\n";
  }
  return schema;
}

long long scalar(const std::string& url, const std::string& sql) {
  return strata::testing::exec(url, sql)[0][0].as<long long>();
}

class Push : public ::testing::Test {
 protected:
  void SetUp() override {
    strata::testing::exec(url, read_file(fs::path(STRATA_CORPUS_DIR) / "northwind.sql"));
    rows_before = strata::runner::count_rows(url);
    ASSERT_GT(rows_before.size(), 10u);
  }
  void declare(const std::string& extra) const { project.write("schema/northwind.sql", northwind_schema() + extra); }

  TempProject project;
  ScratchDb database{"push"};
  std::string url = url_of(database);
  strata::runner::RowCounts rows_before;
};

TEST_F(Push, AdditiveChangeIsAppliedAndRowsSurvive) {
  declare(
      "ALTER TABLE customers ADD COLUMN loyalty_points integer NOT NULL DEFAULT 0;\n"
      "CREATE INDEX orders_by_ship_country ON orders (ship_country);\n"
      "CREATE TABLE customer_notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
      "  customer_id varchar(5) NOT NULL REFERENCES customers, note text NOT NULL);\n");

  auto run = project.strata({"push", "--url", url, "--dry-run"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "loyalty_points")) << run.all();
  EXPECT_TRUE(contains(run.out, "dry run: nothing was applied")) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'loyalty_points'"), 0);

  run = project.strata({"push", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "pushed ")) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM customers WHERE loyalty_points = 0"), rows_before.at("public.customers"));
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_by_ship_country'"), 1);
  auto rows_after = strata::runner::count_rows(url);
  EXPECT_EQ(strata::runner::vanished_rows(rows_before, rows_after), std::vector<std::string>{});
  rows_after.erase("public.customer_notes");
  EXPECT_EQ(rows_after, rows_before);

  // Nothing left to do, and no migration file was written.
  run = project.strata({"push", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "nothing to push")) << run.all();
  EXPECT_TRUE(fs::is_empty(project.migrations_dir()));
}

TEST_F(Push, DestructiveChangeNeedsTheFlag) {
  declare("ALTER TABLE customers DROP COLUMN fax;\n");
  auto run = project.strata({"push", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "destructive")) << run.all();
  EXPECT_TRUE(contains(run.err, "--allow-destructive")) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'fax'"), 1);

  run = project.strata({"push", "--url", url, "--allow-destructive"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'fax'"), 0);
  EXPECT_EQ(strata::runner::count_rows(url), rows_before);
}

TEST_F(Push, AFailingStatementLeavesTheDatabaseUnchanged) {
  // Valid on an empty table, fails on northwind's rows: NOT NULL column without a default.
  declare("ALTER TABLE customers ADD COLUMN tier integer;\nALTER TABLE orders ADD COLUMN must integer NOT NULL;\n");
  const auto run = project.strata({"push", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "SQLSTATE 23502")) << run.all();
  EXPECT_TRUE(contains(run.err, "statement: ALTER TABLE")) << run.all();
  EXPECT_TRUE(contains(run.err, "rolled back")) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'tier'"), 0);
}

TEST_F(Push, ProtectedEnvironmentAndMigratedDatabasesRefuse) {
  declare("ALTER TABLE customers ADD COLUMN loyalty_points integer;\n");
  project.write_project(R"({"environments": [{"name": "prod", "url_env": "PROD_DATABASE_URL", "protected": true}]})");
  auto run = project.strata({"push", "--env", "prod"}, {{"PROD_DATABASE_URL", url}});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "prod is a protected environment")) << run.all();
  EXPECT_TRUE(contains(run.err, "migrations")) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'loyalty_points'"), 0);

  // A database the runner manages refuses too, unless forced.
  project.add_migrations({{"20260101000001", "audit", "CREATE TABLE audit (id bigint PRIMARY KEY);\n", ""}});
  run = project.strata({"migrate", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  project.write("schema/audit.sql", "CREATE TABLE audit (id bigint PRIMARY KEY);\n");
  run = project.strata({"push", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "1 applied strata migration")) << run.all();
  run = project.strata({"push", "--url", url, "--force"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'loyalty_points'"), 1);
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM strata.migrations"), 1);  // its history untouched
}

// The example application's schema and seed file.
class Seed : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& entry : fs::directory_iterator(fs::path(STRATA_SOURCE_DIR) / "schema")) {
      if (entry.path().extension() == ".sql") project.write(fs::path("schema") / entry.path().filename(), read_file(entry.path()));
    }
    project.write("schema/seed/01_sample.sql", read_file(fs::path(STRATA_SOURCE_DIR) / "schema/seed/01_sample.sql"));
    const auto run = project.strata({"push", "--url", url});
    ASSERT_EQ(run.exit_code, 0) << run.all();
  }
  TempProject project;
  ScratchDb database{"seed"};
  std::string url = url_of(database);
};

TEST_F(Seed, TwiceGivesTheSameRowCounts) {
  auto run = project.strata({"seed", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  const auto first = strata::runner::count_rows(url);
  EXPECT_EQ(first.at("public.accounts"), 3);
  EXPECT_EQ(first.at("public.projects"), 2);
  EXPECT_EQ(first.at("public.tasks"), 4);
  run = project.strata({"seed", "--url", url});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_EQ(strata::runner::count_rows(url), first);

  run = project.strata({"seed", "--url", url, "--check-idempotent"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  EXPECT_TRUE(contains(run.out, "idempotent")) << run.all();
  EXPECT_EQ(strata::runner::count_rows(url), first);
}

TEST_F(Seed, NonIdempotentFilesAreNamed) {
  project.write("schema/seed/02_counts.sql", "INSERT INTO tasks (project_id, title) SELECT id, 'again' FROM projects;\n");
  project.write("schema/seed/03_fails.sql",
                "INSERT INTO accounts (email, display_name) VALUES ('new@example.com', 'New');\n");
  const auto run = project.strata({"seed", "--url", url, "--check-idempotent"});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "02_counts.sql: changes row counts on a second run")) << run.all();
  EXPECT_TRUE(contains(run.err, "public.tasks: 6 -> 8 rows")) << run.all();
  EXPECT_TRUE(contains(run.err, "03_fails.sql: fails on a second run: ")) << run.all();
  EXPECT_TRUE(contains(run.err, "03_fails.sql:1:1: duplicate key value violates unique constraint")) << run.all();
  EXPECT_TRUE(contains(run.err, "(SQLSTATE 23505)")) << run.all();
  EXPECT_FALSE(contains(run.err, "01_sample.sql")) << run.all();
}

TEST_F(Seed, AFailingFileIsRolledBackAndReported) {
  project.write("schema/seed/02_broken.sql",
                "INSERT INTO accounts (email, display_name) VALUES ('b@example.com', 'B');\n"
                "INSERT INTO projects (owner_id, name) VALUES (-1, 'orphan');\n");
  const auto run = project.strata({"seed", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "02_broken.sql failed")) << run.all();
  EXPECT_TRUE(contains(run.err, "02_broken.sql:2:1: ")) << run.all();  // the failing statement's place
  EXPECT_TRUE(contains(run.err, "(SQLSTATE 23503)")) << run.all();
  EXPECT_TRUE(contains(run.err, "statement: INSERT INTO projects (owner_id, name) VALUES (-1, 'orphan')")) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM accounts WHERE email = 'b@example.com'"), 0);
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM accounts"), 3);  // 01_sample.sql stays
}

TEST_F(Seed, AFileThatControlsTransactionsIsRefusedBeforeItRuns) {
  project.write("schema/seed/02_own_transaction.sql",
                "BEGIN;\nINSERT INTO accounts (email, display_name) VALUES ('t@example.com', 'T');\nCOMMIT;\n");
  const auto run = project.strata({"seed", "--url", url});
  EXPECT_EQ(run.exit_code, 1) << run.all();
  EXPECT_TRUE(contains(run.err, "02_own_transaction.sql:1:1: a seed file runs in a transaction of its own")) << run.all();
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM accounts WHERE email = 't@example.com'"), 0);
}

// The ```mermaid blocks of a document.
std::vector<std::string> mermaid_blocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  for (std::size_t at = markdown.find("```mermaid\n"); at != std::string::npos;
       at = markdown.find("```mermaid\n", at + 1)) {
    const auto start = at + 11;
    blocks.push_back(markdown.substr(start, markdown.find("```", start) - start));
  }
  return blocks;
}

// Every line is one of the erDiagram forms strata writes, with Mermaid-safe tokens.
void expect_valid_er_syntax(const std::string& block) {
  static const std::regex entity(R"(  [A-Za-z][A-Za-z0-9_]*\["[^"]+"\] \{)");
  static const std::regex attribute(R"(    [A-Za-z][A-Za-z0-9_]* [A-Za-z][A-Za-z0-9_]*( (PK|FK|UK)(, (FK|UK))*)?( "[^"]*")?)");
  static const std::regex relation(R"(  [A-Za-z][A-Za-z0-9_]* (\|\||\|o)--(o\{|o\|) [A-Za-z][A-Za-z0-9_]* : "[^"]*")");
  std::istringstream in(block);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "erDiagram");
  while (std::getline(in, line)) {
    const bool ok = std::regex_match(line, entity) || std::regex_match(line, attribute) ||
                    std::regex_match(line, relation) || line == "  }";
    EXPECT_TRUE(ok) << "not valid erDiagram syntax: [" << line << "]";
  }
}

// Renders the blocks with mermaid-cli when it is installed (scripts/render-docs.sh installs it).
void render_if_possible(const std::string& markdown, const std::string& name) {
  const char* mmdc = std::getenv("STRATA_MMDC");
  std::string command = mmdc ? mmdc : (fs::path(STRATA_SOURCE_DIR) / ".tools/node_modules/.bin/mmdc").string();
  if (!fs::exists(command)) GTEST_SKIP() << "mermaid-cli not installed (scripts/render-docs.sh --install); rendering skipped";
  const fs::path dir = fs::temp_directory_path() / ("strata-docs-render-" + name);
  fs::create_directories(dir);
  std::ofstream(dir / "in.mmd") << mermaid_blocks(markdown).at(0);
  std::ofstream(dir / "puppeteer.json") << R"({"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox"]})";
  const auto png = dir / "out.png";
  fs::remove(png);
  const auto status = std::system((command + " -q -p " + (dir / "puppeteer.json").string() + " -i " +
                                   (dir / "in.mmd").string() + " -o " + png.string() + " > " +
                                   (dir / "log.txt").string() + " 2>&1")
                                      .c_str());
  EXPECT_EQ(status, 0) << read_file(dir / "log.txt");
  ASSERT_TRUE(fs::exists(png));
  EXPECT_GT(fs::file_size(png), 10000u);
}

TEST(Docs, PagilaSectionsMatchTheCatalog) {
  TempProject project;
  const auto out = project.root() / "build/schema.md";
  const auto run = project.strata({"docs", "--schema", (fs::path(STRATA_CORPUS_DIR) / "pagila.sql").string(), "--out",
                                   out.string(), "--group-by-schema", "--max-tables", "40"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  const auto markdown = read_file(out);

  ScratchDb database("docs");
  strata::testing::exec(url_of(database),
                        "DO $$ BEGIN CREATE ROLE postgres; EXCEPTION WHEN duplicate_object THEN NULL; END $$;");
  strata::testing::exec(url_of(database), read_file(fs::path(STRATA_CORPUS_DIR) / "pagila.sql"));
  const auto catalog = strata::introspect::introspect(database.connection()).catalog;
  std::size_t tables = 0, columns = 0;
  for (const auto& [key, object] : catalog.objects) {
    if (object.kind == strata::model::Kind::Table) {
      ++tables;
      EXPECT_TRUE(contains(markdown, "\n### " + object.schema + "." + object.name + "\n")) << key;
    } else if (object.kind == strata::model::Kind::Column) {
      ++columns;
      const auto row = "| `" + object.name + "` | `" + object.attrs["type"].get<std::string>() + "` | " +
                       (object.attrs["not_null"].get<bool>() ? "not null" : "null") + " |";
      EXPECT_TRUE(contains(markdown, row)) << key << ": " << row;
    } else if (object.kind == strata::model::Kind::Index) {
      EXPECT_TRUE(contains(markdown, object.attrs["definition"].get<std::string>())) << key;
    } else if (object.kind == strata::model::Kind::View || object.kind == strata::model::Kind::MaterializedView) {
      EXPECT_TRUE(contains(markdown, "\n### " + object.schema + "." + object.name +
                                         (object.kind == strata::model::Kind::View ? "\n" : " (materialized)\n")))
          << key;
    }
  }
  EXPECT_GT(tables, 20u);
  EXPECT_GT(columns, 100u);
  EXPECT_TRUE(contains(markdown, "| `public.mpaa_rating` | `G`, `PG`, `PG-13`, `R`, `NC-17` |")) << markdown;
  const auto blocks = mermaid_blocks(markdown);
  ASSERT_FALSE(blocks.empty());
  for (const auto& block : blocks) expect_valid_er_syntax(block);
  EXPECT_TRUE(contains(blocks[0], "    integer film_id PK\n")) << blocks[0];
  EXPECT_TRUE(contains(blocks[0], "public__language ||--o{ public__film : \"language_id\"")) << blocks[0];
  EXPECT_FALSE(contains(blocks[0], "payment_p2022")) << "partitions are left out of the diagram";
}

TEST(Docs, ExampleAppDiagramCardinalityAndRendering) {
  TempProject project;
  for (const auto& entry : fs::directory_iterator(fs::path(STRATA_SOURCE_DIR) / "schema")) {
    if (entry.path().extension() == ".sql") project.write(fs::path("schema") / entry.path().filename(), read_file(entry.path()));
  }
  project.write("schema/03_links.sql",
                "CREATE TABLE task_details (task_id bigint PRIMARY KEY REFERENCES tasks, body text);\n"
                "COMMENT ON COLUMN task_details.body IS 'Markdown, \"rich\" text';\n");
  const auto run = project.strata({"docs"});
  ASSERT_EQ(run.exit_code, 0) << run.all();
  const auto blocks = mermaid_blocks(run.out);
  ASSERT_EQ(blocks.size(), 1u) << run.out;
  expect_valid_er_syntax(blocks[0]);
  // Required owner: exactly one; optional assignee: zero or one; one-to-one detail.
  EXPECT_TRUE(contains(blocks[0], "public__accounts ||--o{ public__projects : \"owner_id\"")) << blocks[0];
  EXPECT_TRUE(contains(blocks[0], "public__accounts |o--o{ public__tasks : \"assignee_id\"")) << blocks[0];
  EXPECT_TRUE(contains(blocks[0], "public__tasks ||--o| public__task_details : \"task_id\"")) << blocks[0];
  EXPECT_TRUE(contains(blocks[0], "bigint task_id PK, FK")) << blocks[0];
  EXPECT_TRUE(contains(blocks[0], "email_address email UK")) << blocks[0];
  EXPECT_TRUE(contains(run.out, "| `public.account_role` | `member`, `admin`, `owner` |")) << run.out;
  EXPECT_TRUE(contains(run.out, "### public.open_tasks")) << run.out;
  EXPECT_TRUE(contains(run.out, "People who can sign in.")) << run.out;

  // The neighbourhood of one table, and what changed since the schema without the new file.
  auto only = project.strata({"docs", "--only", "task_details", "--neighbourhood", "1"});
  ASSERT_EQ(only.exit_code, 0) << only.all();
  EXPECT_TRUE(contains(only.out, "### public.tasks\n")) << only.out;
  EXPECT_FALSE(contains(only.out, "### public.accounts\n")) << only.out;
  project.write("before/all.sql", read_file(project.root() / "schema/01_accounts.sql") +
                                      read_file(project.root() / "schema/02_projects.sql"));
  auto changed = project.strata({"docs", "--changed-from", "before/all.sql", "--neighbourhood", "0"});
  ASSERT_EQ(changed.exit_code, 0) << changed.all();
  EXPECT_TRUE(contains(changed.out, "### public.task_details\n")) << changed.out;
  EXPECT_FALSE(contains(changed.out, "### public.tasks\n")) << changed.out;

  auto limited = project.strata({"docs", "--max-tables", "2"});
  ASSERT_EQ(limited.exit_code, 0) << limited.all();
  EXPECT_TRUE(contains(limited.out, "more than `--max-tables 2`")) << limited.out;

  render_if_possible(run.out, "example");
}

}  // namespace
