#include "cli_runner_support.h"

#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "strata/migration_integrity.h"

namespace strata::testing {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<MigrationSource> standard_migrations() {
  return {
      {"20260101000001", "create_users", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
       "DROP TABLE users;\n"},
      {"20260101000002", "create_tasks",
       "CREATE TABLE tasks (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), title text NOT NULL);\n",
       "DROP TABLE tasks;\n"},
      {"20260101000003", "add_users_name", "ALTER TABLE users ADD COLUMN name text;\n",
       "ALTER TABLE users DROP COLUMN name;\n"},
  };
}

TempProject::TempProject() {
  char pattern[] = "/tmp/strata-cli-runner-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
  fs::permissions(root_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
  fs::create_directories(migrations_dir());
}

TempProject::~TempProject() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

void TempProject::write(const fs::path& relative, const std::string& text) const {
  const auto path = root_ / relative;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

void TempProject::add_migrations(const std::vector<MigrationSource>& migrations) const {
  for (const auto& migration : migrations) {
    const auto base = migration.version + "_" + migration.slug;
    write(fs::path("schema/migrations") / (base + ".sql"), migration.up);
    if (!migration.down.empty()) write(fs::path("schema/migrations") / (base + ".down.sql"), migration.down);
  }
  rehash();
}

void TempProject::rehash() const {
  migrations::write_integrity_file(migrations_dir(), migrations::read_directory(migrations_dir()));
}

Run TempProject::strata(const std::vector<std::string>& arguments, Variables variables) const {
  return run_strata(arguments, root_, variables);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

bool process_mentions(const std::string& path) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string command_line = read_file(entry.path() / "cmdline");
    for (auto& c : command_line) {
      if (c == '\0') c = ' ';
    }
    if (command_line.find(path) != std::string::npos) return true;
  }
  return false;
}

}  // namespace strata::testing
