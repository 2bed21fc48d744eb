// The diff's regression suite, read like PostgreSQL's: one folder per case under cases/,
//
//   from.sql        the schema a database has
//   to.sql          the schema it should have (its pragmas are honoured, as by `strata diff`)
//   expected.sql    what `strata diff --from from.sql --to to.sql` prints
//   expected.notes  what it prints on stderr: warnings, destructive steps, hints (absent: nothing)
//   expected.error  instead of the two above: the diff refuses, with this message
//   options         optional, one per line: `online` (generate's CONCURRENTLY / NOT VALID forms)
//
// and each case is proven as well: expected.sql, applied to a database loaded from from.sql,
// must build exactly what to.sql builds. STRATA_UPDATE_GOLDEN=1 rewrites the expected files from
// what the diff does now (review the changes with git diff); STRATA_GOLDEN_CASES=<regex> runs only
// the cases whose name matches.
//
// All cases run in one test, two at a time, each failure naming its case (a process per case
// spent more time starting up and attaching to the cluster than on the case itself).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <regex>
#include <sstream>

#include "strata/introspect.h"
#include "strata/source.h"
#include "test_cluster.h"

namespace strata::diff {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(STRATA_SOURCE_DIR) / "tests" / "diff" / "cases";

bool updating() {
  const char* value = std::getenv("STRATA_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_or_remove(const fs::path& path, const std::string& text) {
  if (text.empty()) {
    fs::remove(path);
  } else {
    std::ofstream(path, std::ios::binary) << text;
  }
}

std::vector<std::string> case_names() {
  const char* filter = std::getenv("STRATA_GOLDEN_CASES");
  const std::regex wanted(filter != nullptr && *filter != '\0' ? filter : ".*");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    const auto name = entry.path().filename().string();
    if (entry.is_directory() && std::regex_search(name, wanted)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Options case_options(const fs::path& folder, const source::Loaded& to) {
  auto options = source::diff_options(to);
  std::istringstream flags(read(folder / "options"));
  for (std::string flag; flags >> flag;) {
    if (flag != "online") throw std::runtime_error((folder / "options").string() + ": unknown option " + flag);
    options.online_index_builds = true;
    options.not_valid_constraints = true;
  }
  return options;
}

// "" when `actual` is what `file` says, else both, for the failure message.
std::string compare(const fs::path& file, const std::string& actual) {
  const auto expected = read(file);
  if (expected == actual) return "";
  return file.filename().string() + " differs.\n--- expected:\n" + expected + "--- actual:\n" + actual;
}

// Runs one case; returns what is wrong with it ("" when nothing is).
std::string run_case(const std::string& name) {
  const fs::path folder = kCases / name;
  const load::SourceFile from_file{folder / "from.sql", read(folder / "from.sql")};
  // from.sql is loaded where expected.sql is then proven: one database fewer per case (creating
  // one is most of a case's time).
  testing::ScratchDb database("golden");
  load::execute_statements(database.connection_string(), {from_file});
  const auto from = introspect::introspect(database.connection_string()).catalog;
  source::Loader loader(testing::shared_cluster());
  const auto to = loader.load(source::Source::files(folder / "to.sql"));

  std::string sql;
  std::string notes;
  std::string error;
  try {
    const auto plan = diff(from, to.catalog, case_options(folder, to));
    sql = render_sql(plan);
    for (const auto& line : diff::notes(plan)) notes += line + "\n";
  } catch (const DiffError& refused) {
    error = std::string(refused.what()) + "\n";
  }
  if (updating()) {
    write_or_remove(folder / "expected.sql", error.empty() ? sql : "");
    write_or_remove(folder / "expected.notes", notes);
    write_or_remove(folder / "expected.error", error);
    if (error.empty() && sql.empty()) std::ofstream(folder / "expected.sql", std::ios::binary) << "";
  }
  if (fs::exists(folder / "expected.error")) return compare(folder / "expected.error", error);
  if (!error.empty()) return "the diff refused: " + error;
  if (auto problem = compare(folder / "expected.sql", sql) + compare(folder / "expected.notes", notes); !problem.empty()) {
    return problem;
  }

  // expected.sql takes the database built from from.sql to exactly what to.sql builds.
  load::execute_statements(database.connection_string(), {{folder / "expected.sql", read(folder / "expected.sql")}});
  const auto built = introspect::introspect(database.connection_string()).catalog;
  std::string differences;
  for (const auto& line : model::differences(to.catalog, built)) differences += line + "\n";
  return differences.empty() ? "" : "expected.sql applied to from.sql does not build to.sql:\n" + differences;
}

TEST(Golden, EveryCaseDiffsAsExpectedAndIsProven) {
  const auto names = case_names();
  ASSERT_FALSE(names.empty()) << "no case matches STRATA_GOLDEN_CASES under " << kCases;
  std::vector<std::string> problems(names.size());
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i; (i = next++) < names.size();) {
      try {
        problems[i] = run_case(names[i]);
      } catch (const std::exception& error) {
        problems[i] = describe(error);
      }
    }
  };
  auto second = std::async(std::launch::async, worker);
  worker();
  second.get();
  std::size_t failed = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (problems[i].empty()) continue;
    ++failed;
    ADD_FAILURE() << "case " << names[i] << " (tests/diff/cases/" << names[i] << "):\n" << problems[i];
  }
  std::cout << names.size() - failed << " of " << names.size() << " cases passed\n";
}

}  // namespace
}  // namespace strata::diff
