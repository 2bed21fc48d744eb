// strata.sum: the idea of Atlas's atlas.sum. Every line's hash covers its file *and* the line
// before it, so editing, deleting or reordering any file changes every later line, and two
// branches that each add a migration change the same lines and conflict in git.
//
//   strata-sum v1 <hash of all lines below>
//   20260101120000_create_users.sql <chained sha256>
//   20260101120000_create_users.down.sql <chained sha256>
#include <fstream>
#include <set>
#include <sstream>

#include "strata/migration_integrity.h"

namespace strata::migrations {
namespace {

namespace fs = std::filesystem;

struct SumLine {
  std::string file;
  std::string hash;
};

std::vector<const MigrationFile*> files_in_order(const std::vector<Migration>& migrations) {
  std::vector<const MigrationFile*> files;
  for (const auto& migration : migrations) {
    files.push_back(&migration.up);
    if (migration.down) files.push_back(&*migration.down);
  }
  return files;
}

std::vector<SumLine> chained_lines(const std::vector<Migration>& migrations) {
  std::vector<SumLine> lines;
  std::string previous;
  for (const auto* file : files_in_order(migrations)) {
    const auto name = file->path.filename().string();
    previous = sha256_hex(previous + "\n" + name + "\n" + file->sql);
    lines.push_back({name, previous});
  }
  return lines;
}

std::string body_of(const std::vector<SumLine>& lines) {
  std::string body;
  for (const auto& line : lines) body += line.file + " " + line.hash + "\n";
  return body;
}

constexpr const char* kHeader = "strata-sum v1 ";

}  // namespace

std::string integrity_file_text(const std::vector<Migration>& migrations) {
  const auto body = body_of(chained_lines(migrations));
  return kHeader + sha256_hex(body) + "\n" + body;
}

void write_integrity_file(const fs::path& directory, const std::vector<Migration>& migrations) {
  fs::create_directories(directory);
  const auto path = directory / kIntegrityFileName;
  const auto temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << integrity_file_text(migrations);
    if (!out) throw MigrationError(temporary + ": cannot write");
  }
  fs::rename(temporary, path);  // never leave a half-written sum file behind
}

std::vector<std::string> verify_integrity(const fs::path& directory, const std::vector<Migration>& migrations) {
  const auto path = directory / kIntegrityFileName;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (migrations.empty()) return {};
    return {path.string() + ": missing (run `strata hash` to create it)"};
  }

  std::string header;
  std::getline(in, header);
  std::vector<SumLine> recorded;
  std::string body;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto space = line.rfind(' ');
    recorded.push_back({line.substr(0, space), space == std::string::npos ? "" : line.substr(space + 1)});
    body += line + "\n";
  }

  std::vector<std::string> problems;
  if (header != kHeader + sha256_hex(body)) {
    problems.push_back(path.string() + ": edited by hand or merged badly (its checksum does not match its lines); "
                       "review the migrations, then run `strata hash`");
  }

  const auto actual = chained_lines(migrations);
  std::set<std::string> on_disk, in_sum;
  for (const auto& line : actual) on_disk.insert(line.file);
  for (const auto& line : recorded) in_sum.insert(line.file);
  // A file that lost its recorded name while a file with the same slug appeared under another
  // version was moved (a timestamp edited in a rebase): one problem, not a deletion and an addition.
  const auto slug_part = [](const std::string& file) { return file.size() > 14 ? file.substr(14) : file; };
  std::set<std::string> moved_from, moved_to;
  for (const auto& line : actual) {
    if (in_sum.count(line.file)) continue;
    for (const auto& old_line : recorded) {
      if (on_disk.count(old_line.file) || moved_from.count(old_line.file) || slug_part(old_line.file) != slug_part(line.file)) continue;
      problems.push_back((directory / line.file).string() + ": moved to a different version (strata.sum has it as " +
                         old_line.file + "); migrations must keep the version and order they were written with");
      moved_from.insert(old_line.file);
      moved_to.insert(line.file);
      break;
    }
  }
  for (const auto& line : recorded) {
    if (!on_disk.count(line.file) && !moved_from.count(line.file)) {
      problems.push_back((directory / line.file).string() + ": deleted, but strata.sum records it");
    }
  }
  for (const auto& line : actual) {
    if (!in_sum.count(line.file) && !moved_to.count(line.file)) {
      problems.push_back((directory / line.file).string() + ": not recorded in strata.sum (added by hand? run `strata hash`)");
    }
  }
  if (problems.empty() || (problems.size() == 1 && recorded.size() == actual.size())) {
    // Same files: find the first line whose chained hash differs; that file was edited or moved.
    for (std::size_t i = 0; i < actual.size() && i < recorded.size(); ++i) {
      if (actual[i].file != recorded[i].file) {
        problems.push_back((directory / actual[i].file).string() + ": out of order (strata.sum has " + recorded[i].file +
                           " here); migrations must keep the order they were written in");
        break;
      }
      if (actual[i].hash != recorded[i].hash) {
        problems.push_back((directory / actual[i].file).string() + ": edited after it was written (checksum differs "
                           "from strata.sum); revert it, or run `strata hash` if the edit is deliberate");
        break;
      }
    }
  }
  return problems;
}

}  // namespace strata::migrations
