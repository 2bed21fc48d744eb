// Reading the .sql files of a directory.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "strata/sql_source.h"
#include "strata/error.h"

namespace strata::sql {

std::vector<SourceFile> read_sql_files(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> paths;
  if (std::filesystem::is_directory(directory)) {
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
      if (entry.is_regular_file() && entry.path().extension() == ".sql") paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<SourceFile> files;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot read file");
    files.push_back({path, std::string(std::istreambuf_iterator<char>(in), {})});
  }
  return files;
}

}  // namespace strata::sql
