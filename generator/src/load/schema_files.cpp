#include <algorithm>
#include <fstream>
#include <sstream>

#include "strata/load.h"

namespace strata::load {
namespace {

namespace fs = std::filesystem;

// Folders that live beside the declared schema but are not part of it.
bool is_excluded_folder(const fs::path& folder) {
  const auto name = folder.filename().string();
  return name == "migrations" || name == "seed" || (!name.empty() && name[0] == '.');
}

SourceFile read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SchemaError({path, 1, 1}, "cannot read file");
  std::ostringstream text;
  text << in.rdbuf();
  return {path, text.str()};
}

}  // namespace

std::vector<SourceFile> read_schema_files(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) throw SchemaError({path, 1, 1}, "no such file or directory");
  if (!fs::is_directory(path)) return {read_file(path)};

  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(path); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && is_excluded_folder(it->path())) {
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && it->path().extension() == ".sql") {
      paths.push_back(it->path());
    }
  }
  if (paths.empty()) throw SchemaError({path, 1, 1}, "directory holds no .sql file");
  std::sort(paths.begin(), paths.end());

  std::vector<SourceFile> files;
  files.reserve(paths.size());
  for (const auto& file : paths) files.push_back(read_file(file));
  return files;
}

}  // namespace strata::load
