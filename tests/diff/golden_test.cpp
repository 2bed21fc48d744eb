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
// what the diff does now (review the changes with git diff).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Options case_options(const fs::path& folder, const source::Loaded& to) {
  auto options = source::diff_options(to);
  std::istringstream flags(read(folder / "options"));
  for (std::string flag; flags >> flag;) {
    if (flag == "online") {
      options.online_index_builds = true;
      options.not_valid_constraints = true;
    } else {
      ADD_FAILURE() << folder / "options" << ": unknown option " << flag;
    }
  }
  return options;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, Case) {
  const fs::path folder = kCases / GetParam();
  source::Loader loader(testing::shared_cluster());
  const auto [from, to] = loader.load_both(source::Source::files(folder / "from.sql"),
                                           source::Source::files(folder / "to.sql"));
  std::string sql;
  std::string notes;
  std::string error;
  try {
    const auto plan = diff(from.catalog, to.catalog, case_options(folder, to));
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
  if (fs::exists(folder / "expected.error")) {
    EXPECT_EQ(error, read(folder / "expected.error")) << "expected the diff to refuse";
    return;
  }
  ASSERT_TRUE(error.empty()) << "the diff refused: " << error;
  EXPECT_EQ(sql, read(folder / "expected.sql"));
  EXPECT_EQ(notes, read(folder / "expected.notes"));

  // expected.sql takes a database built from from.sql to exactly what to.sql builds.
  testing::ScratchDb database("golden");
  load::execute_statements(database.connection_string(), {{folder / "from.sql", read(folder / "from.sql")}});
  load::execute_statements(database.connection_string(), {{folder / "expected.sql", read(folder / "expected.sql")}});
  const auto built = introspect::introspect(database.connection_string()).catalog;
  std::string differences;
  for (const auto& line : model::differences(to.catalog, built)) differences += line + "\n";
  EXPECT_EQ(differences, "") << "expected.sql applied to from.sql does not build to.sql";
}

INSTANTIATE_TEST_SUITE_P(Diff, Golden, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace strata::diff
