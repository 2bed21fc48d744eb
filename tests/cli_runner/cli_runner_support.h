// Running the real `strata` binary against real databases: a temporary project directory with
// strata.json and a migrations directory, and the command run in it with chosen variables.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "run_strata.h"

namespace strata::testing {

// A migration for TempProject::add_migration.
struct MigrationSource {
  std::string version;
  std::string slug;
  std::string up;
  std::string down;
};

// The users/tasks migrations most tests use: create_users, create_tasks, add_users_name.
std::vector<MigrationSource> standard_migrations();

// A directory under /tmp (mode 0755, so that a server running as `nobody` can reach a
// development database inside it), removed when this goes out of scope.
class TempProject {
 public:
  TempProject();
  ~TempProject();
  TempProject(const TempProject&) = delete;
  TempProject& operator=(const TempProject&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path migrations_dir() const { return root_ / "schema" / "migrations"; }
  void write(const std::filesystem::path& relative, const std::string& text) const;
  void write_project(const std::string& json) const { write("strata.json", json); }
  // Writes the up/down pair and rewrites strata.sum.
  void add_migrations(const std::vector<MigrationSource>& migrations) const;
  void rehash() const;  // strata.sum for the files as they are now

  // Runs strata in the project root; the environment URL variables of the tests are unset
  // unless `variables` sets them, so the caller's environment cannot leak in.
  Run strata(const std::vector<std::string>& arguments, Variables variables = {}) const;

 private:
  std::filesystem::path root_;
};

// Every line of `text` parsed as JSON (throws when one is not).
std::vector<std::string> lines_of(const std::string& text);

// Whether any process's command line mentions `path` (a postgres still running from a directory).
bool process_mentions(const std::string& path);

}  // namespace strata::testing
