#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "processes/child_process.h"
#include "pg_binaries_search.h"
#include "strata/error.h"

namespace strata::runtime {

namespace fs = std::filesystem;

namespace {

struct Candidate {
  std::string origin;  // how we came to look there, for the error message
  fs::path dir;        // empty when the origin yielded no directory (e.g. pg_config missing)
};

bool is_executable(const fs::path& file) {
  std::error_code ignored;
  return fs::is_regular_file(file, ignored) && ::access(file.c_str(), X_OK) == 0;
}

std::vector<fs::path> split_path(const std::string& path) {
  std::vector<fs::path> dirs;
  std::stringstream stream(path);
  for (std::string dir; std::getline(stream, dir, ':');) {
    if (!dir.empty()) dirs.emplace_back(dir);
  }
  return dirs;
}

Candidate pg_config_candidate(const std::vector<fs::path>& path_dirs) {
  for (const auto& dir : path_dirs) {
    const fs::path pg_config = dir / "pg_config";
    if (!is_executable(pg_config)) continue;
    const std::string origin = pg_config.string() + " --bindir";
    try {
      CommandResult result = run_command(pg_config, {"--bindir"});
      std::string bindir = result.output.substr(0, result.output.find('\n'));
      if (result.exit_code != 0 || bindir.empty()) return {origin + " (failed)", {}};
      return {origin, bindir};
    } catch (const std::exception& error) {
      return {origin + " (" + error.what() + ")", {}};
    }
  }
  return {"pg_config --bindir (no pg_config on PATH)", {}};
}

// /usr/lib/postgresql/<major>/bin, newest major first.
std::vector<Candidate> versioned_candidates(const fs::path& root) {
  std::vector<std::pair<int, fs::path>> found;
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(root, ignored)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() &&
        std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
      found.emplace_back(std::stoi(name), entry.path() / "bin");
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Candidate> candidates;
  for (const auto& [major, bin] : found) candidates.push_back({root.string() + "/*/bin", bin});
  if (candidates.empty()) candidates.push_back({root.string() + "/*/bin (none)", {}});
  return candidates;
}

std::vector<Candidate> candidates_in_order(const PgBinariesSearch& search) {
  std::vector<Candidate> candidates;
  if (search.strata_pg_bindir && !search.strata_pg_bindir->empty()) {
    candidates.push_back({"$STRATA_PG_BINDIR", *search.strata_pg_bindir});
  } else {
    candidates.push_back({"$STRATA_PG_BINDIR (not set)", {}});
  }
  const auto path_dirs = split_path(search.path);
  candidates.push_back(pg_config_candidate(path_dirs));
  for (const auto& dir : path_dirs) candidates.push_back({"PATH", dir});
  for (auto& candidate : versioned_candidates(search.versioned_root))
    candidates.push_back(std::move(candidate));
  return candidates;
}

// Empty when the directory qualifies, else why not.
std::string rejection(const fs::path& dir) {
  std::string missing;
  for (const char* program : {"initdb", "postgres"}) {
    if (!is_executable(dir / program)) missing += missing.empty() ? program : std::string(" and ") + program;
  }
  return missing.empty() ? "" : "no executable " + missing;
}

}  // namespace

PgBinariesSearch PgBinariesSearch::from_environment() {
  PgBinariesSearch search;
  if (const char* bindir = std::getenv("STRATA_PG_BINDIR")) search.strata_pg_bindir = bindir;
  if (const char* path = std::getenv("PATH")) search.path = path;
  return search;
}

int parse_major_version(const std::string& version_output) {
  static const std::regex pattern(R"(\(PostgreSQL\) (\d+))");
  std::smatch match;
  if (!std::regex_search(version_output, match, pattern)) {
    throw Error("cannot read the PostgreSQL version from: " + version_output);
  }
  return std::stoi(match[1].str());
}

PgBinaries find_pg_binaries(const PgBinariesSearch& search) {
  std::string looked;
  for (const auto& candidate : candidates_in_order(search)) {
    if (candidate.dir.empty()) {
      looked += "\n  " + candidate.origin;
      continue;
    }
    const std::string why_not = rejection(candidate.dir);
    if (why_not.empty()) {
      const CommandResult version = run_command(candidate.dir / "postgres", {"--version"});
      return PgBinaries{candidate.dir, parse_major_version(version.output)};
    }
    looked += "\n  " + candidate.origin + ": " + candidate.dir.string() + " (" + why_not + ")";
  }
  throw Error(
      "cannot find the PostgreSQL server programs (a directory with both initdb and postgres); looked at:" +
      looked + "\nInstall the PostgreSQL server or set STRATA_PG_BINDIR to its bin directory.");
}

PgBinaries PgBinaries::find() { return find_pg_binaries(PgBinariesSearch::from_environment()); }

const PgBinaries& process_pg_binaries() {
  static const PgBinaries binaries = PgBinaries::find();
  return binaries;
}

}  // namespace strata::runtime
