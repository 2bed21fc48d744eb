#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "strata/migrations.h"

namespace strata::migrations {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MigrationError(path.string() + ": cannot read file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

MigrationFile read_migration_file(const fs::path& path) {
  MigrationFile file{path, read_text(path), {}};
  file.pragmas = parse_pragmas(file.sql);
  return file;
}

}  // namespace

std::vector<Migration> read_directory(const fs::path& directory) {
  if (!fs::exists(directory)) return {};
  static const std::regex pattern(R"(^(\d{14})_([A-Za-z0-9_]+?)(\.down)?\.sql$)");

  std::map<std::string, Migration> by_version;
  std::vector<fs::path> downs;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    std::smatch match;
    const auto name = path.filename().string();
    if (!std::regex_match(name, match, pattern)) {
      throw MigrationError(path.string() +
                           ": not a migration file name (expected yyyymmddHHMMSS_slug.sql or .down.sql; another "
                           "tool's migrations: strata import --from TOOL DIR)");
    }
    if (match[3].matched) {
      downs.push_back(path);
      continue;
    }
    Migration migration{match[1], match[2], read_migration_file(path), std::nullopt};
    if (auto [it, inserted] = by_version.emplace(migration.version, migration); !inserted) {
      throw MigrationError(path.string() + ": version " + migration.version + " is also used by " +
                           it->second.up.path.filename().string());
    }
  }
  for (const auto& path : downs) {
    std::smatch match;
    const auto name = path.filename().string();
    std::regex_match(name, match, pattern);
    auto it = by_version.find(match[1]);
    if (it == by_version.end() || it->second.slug != match[2].str()) {
      throw MigrationError(path.string() + ": down migration without its up migration " + match[1].str() + "_" +
                           match[2].str() + ".sql");
    }
    it->second.down = read_migration_file(path);
  }

  std::vector<Migration> migrations;
  migrations.reserve(by_version.size());
  for (auto& [version, migration] : by_version) migrations.push_back(std::move(migration));
  return migrations;
}

}  // namespace strata::migrations
