// Writing the generated files: only what changed, so build tools see unchanged files as unchanged.
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include <unistd.h>

#include "strata/codegen.h"

namespace strata::codegen {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Written next to the target and renamed over it, so a reader (or a compiler started by a
// parallel build) never sees half a file.
void write_atomically(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  const fs::path temporary = path.parent_path() / (".strata-tmp-" + std::to_string(::getpid()) + "-" + path.filename().string());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) throw CodegenError(temporary.string() + ": cannot write");
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary);
    throw CodegenError(path.string() + ": cannot write: " + error.message());
  }
}

// A relative path that stays under the output directory.
bool safe_relative(const std::string& path) {
  const fs::path p(path);
  if (p.empty() || p.is_absolute()) return false;
  for (const auto& part : p) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

}  // namespace

WriteReport write_files(const fs::path& out, const Files& files) {
  WriteReport report;
  for (const auto& [path, content] : files) {
    if (!safe_relative(path)) throw std::logic_error("generated file outside the output directory: " + path);
    const fs::path target = out / path;
    if (read_file(target) == content) {
      report.unchanged.push_back(path);
      continue;
    }
    write_atomically(target, content);
    report.written.push_back(path);
  }

  // Files generated last time and not this time.
  const fs::path manifest = out / kManifestFile;
  std::set<std::string> previous;
  if (const auto text = read_file(manifest)) {
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && safe_relative(line)) previous.insert(line);
    }
  }
  for (const auto& path : previous) {
    if (files.count(path)) continue;
    std::error_code error;
    if (fs::remove(out / path, error)) report.removed.push_back(path);
    // Directories left empty (an enum or a schema namespace that went away).
    for (fs::path directory = fs::path(path).parent_path(); !directory.empty(); directory = directory.parent_path()) {
      if (!fs::is_empty(out / directory, error) || error) break;
      fs::remove(out / directory, error);
    }
  }
  std::string listing;
  for (const auto& [path, content] : files) listing += path + "\n";
  if (read_file(manifest) != listing) write_atomically(manifest, listing);
  return report;
}

}  // namespace strata::codegen
