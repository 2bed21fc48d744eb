// Tools whose migrations are files named by a number: Flyway, golang-migrate, sqlx (one file per
// direction), goose, dbmate, node-pg-migrate (both directions in one file, between markers).
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include "common.h"

namespace strata::importer::detail {
namespace {

namespace fs = std::filesystem;

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

bool starts_with_any_case(const std::string& text, const std::string& prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

std::string trimmed(const std::string& line) {
  const auto begin = line.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return line.substr(begin, line.find_last_not_of(" \t\r") - begin + 1);
}

// The file's lines split at marker lines: `marker(line)` names the section a line opens ("" when
// it is no marker, "=" for a marker that opens nothing). Every section keeps every line, other
// sections' lines and markers blanked, so its line numbers are the file's. Lines before the first
// marker belong to `current`.
std::map<std::string, std::string> sections(const std::string& text,
                                            const std::function<std::string(const std::string&)>& marker,
                                            std::string current = "") {
  std::map<std::string, std::string> out;
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    const auto opened = marker(trimmed(line));
    if (!opened.empty() && opened != "=") current = opened;
    if (!current.empty() && !out.count(current)) out[current] = std::string(lines, '\n');
    for (auto& [name, body] : out) body += (opened.empty() && name == current ? line : std::string()) + "\n";
    ++lines;
    start = end + 1;
  }
  return out;
}

// The down section when it has any SQL (a section of blank lines is no down file).
std::optional<std::string> down_section(const std::map<std::string, std::string>& parts) {
  const auto it = parts.find("down");
  if (it == parts.end() || it->second.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return it->second;
}

Imported numbered(const std::string& number, const std::string& description, const fs::path& file) {
  Imported migration;
  migration.id = number;
  migration.number = number;
  migration.slug = slug_of(description);
  migration.source = file;
  return migration;
}

}  // namespace

// V<version>__<description>.sql, U<version>__<description>.sql (undo); <file>.conf with
// executeInTransaction=false. The version's '_' are dots (V1_1 is 1.1), ordered part by part.
std::vector<Imported> read_flyway(const fs::path& directory) {
  static const std::regex name(R"(^([VUR])([0-9][0-9._]*)?__(.+)\.sql$)");
  struct Version {
    std::vector<long long> parts;
    std::string text;
  };
  std::map<std::string, std::pair<Version, Imported>> by_version;
  std::map<std::string, std::pair<std::string, fs::path>> undo;
  for (const auto& file : files_in(directory)) {
    const auto file_name = file.filename().string();
    std::smatch match;
    if (file.extension() != ".sql") continue;
    if (!std::regex_match(file_name, match, name)) refuse(file, "not a Flyway migration name (V<version>__<description>.sql)");
    if (match[1] == "R") refuse(file, "a Flyway repeatable migration: strata has no re-run-on-change migrations; "
                                      "make its SQL part of the declared schema or a versioned migration");
    std::string text = match[2];
    std::replace(text.begin(), text.end(), '_', '.');
    Version version{{}, text};
    std::stringstream parts(text);
    for (std::string part; std::getline(parts, part, '.');) {
      if (!part.empty()) version.parts.push_back(std::stoll(part));
    }
    while (!version.parts.empty() && version.parts.back() == 0) version.parts.pop_back();  // 1.0 is 1
    if (match[1] == "U") {
      undo[text] = {read_text(file), file};
      continue;
    }
    auto migration = numbered("", match[3], file);
    migration.id = text;
    migration.up = read_text(file);
    if (fs::exists(fs::path(file.string() + ".conf"))) {
      const auto conf = read_text(fs::path(file.string() + ".conf"));
      if (conf.find("executeInTransaction=false") != std::string::npos) migration.no_transaction = true;
    }
    if (by_version.count(text)) refuse(file, "version " + text + " is used twice");
    by_version[text] = {version, migration};
  }
  std::vector<std::pair<Version, Imported>> ordered;
  for (auto& [text, entry] : by_version) ordered.push_back(entry);
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first.parts < b.first.parts; });
  std::vector<Imported> out;
  for (auto& [version, migration] : ordered) {
    if (const auto it = undo.find(version.text); it != undo.end()) migration.down = it->second.first;
    // Integers only keep their number (so V1..V9 stay numbered); dotted versions get one by order.
    if (version.text.find('.') == std::string::npos) migration.number = version.text;
    out.push_back(std::move(migration));
  }
  return out;
}

// <version>_<title>.up.sql and .down.sql (golang-migrate); sqlx the same, or <version>_<title>.sql
// alone, with `-- no-transaction` on its first line to run outside a transaction.
std::vector<Imported> read_up_down_files(const fs::path& directory, bool single_files_too, const std::string& tool) {
  static const std::regex name(R"(^([0-9]+)_(.*?)(\.up|\.down)?\.sql$)");
  std::map<unsigned long long, Imported> by_version;
  for (const auto& file : files_in(directory)) {
    if (file.extension() != ".sql") continue;
    std::smatch match;
    const auto file_name = file.filename().string();
    if (!std::regex_match(file_name, match, name) || (!single_files_too && !match[3].matched)) {
      refuse(file, "not a " + tool + " migration name (<version>_<title>.up.sql / .down.sql)");
    }
    const auto number = std::stoull(match[1]);
    auto& migration = by_version[number];
    if (migration.source.empty()) {
      migration = numbered(match[1], match[2], file);
      migration.id = std::to_string(number);  // the history stores it as a number
    }
    const auto text = read_text(file);
    if (match[3] == ".down") {
      migration.down = text;
    } else {
      if (!migration.up.empty()) refuse(file, "version " + std::string(match[1]) + " has two up files");
      migration.up = text;
      migration.source = file;
      migration.no_transaction = starts_with(trimmed(text.substr(0, text.find('\n'))), "-- no-transaction");
    }
  }
  std::vector<Imported> out;
  for (auto& [number, migration] : by_version) {
    if (migration.up.empty()) refuse(migration.source, "a down file without its up file");
    out.push_back(std::move(migration));
  }
  return out;
}

std::vector<Imported> read_golang_migrate(const fs::path& directory) {
  return read_up_down_files(directory, false, "golang-migrate");
}
std::vector<Imported> read_sqlx(const fs::path& directory) { return read_up_down_files(directory, true, "sqlx"); }

// <version>_<name>.sql: `-- +goose Up`, `-- +goose Down`, `-- +goose StatementBegin/End` (statement
// boundaries strata's splitter finds itself), `-- +goose NO TRANSACTION`.
std::vector<Imported> read_goose(const fs::path& directory) {
  static const std::regex name(R"(^([0-9]+)_(.+)\.(sql|go)$)");
  std::vector<Imported> out;
  std::map<unsigned long long, bool> seen;
  for (const auto& file : files_in(directory)) {
    std::smatch match;
    const auto file_name = file.filename().string();
    if (!std::regex_match(file_name, match, name)) continue;  // goose ignores other files too
    if (match[3] == "go") refuse(file, "a goose Go migration: strata runs SQL; rewrite it as SQL");
    const auto number = std::stoull(match[1]);
    if (seen[number]) refuse(file, "version " + std::string(match[1]) + " is used twice");
    seen[number] = true;
    auto migration = numbered(match[1], match[2], file);
    migration.id = std::to_string(number);
    const auto text = read_text(file);
    migration.no_transaction = text.find("-- +goose NO TRANSACTION") != std::string::npos;
    const auto parts = sections(text, [](const std::string& line) -> std::string {
      if (starts_with(line, "-- +goose Up")) return "up";
      if (starts_with(line, "-- +goose Down")) return "down";
      if (starts_with(line, "-- +goose")) return "=";  // StatementBegin/End, NO TRANSACTION: blanked
      return "";
    });
    if (!parts.count("up")) refuse(file, "no `-- +goose Up` section");
    migration.up = parts.at("up");
    migration.down = down_section(parts);
    out.push_back(std::move(migration));
  }
  std::sort(out.begin(), out.end(), [](const Imported& a, const Imported& b) { return std::stoull(a.id) < std::stoull(b.id); });
  return out;
}

// <version>_<name>.sql with `-- migrate:up [transaction:false]` and `-- migrate:down`.
std::vector<Imported> read_dbmate(const fs::path& directory) {
  static const std::regex name(R"(^([0-9]+)_(.+)\.sql$)");
  std::vector<Imported> out;
  for (const auto& file : files_in(directory)) {
    std::smatch match;
    const auto file_name = file.filename().string();
    if (file.extension() != ".sql") continue;
    if (!std::regex_match(file_name, match, name)) refuse(file, "not a dbmate migration name (<version>_<name>.sql)");
    auto migration = numbered(match[1], match[2], file);
    const auto text = read_text(file);
    const auto parts = sections(text, [&](const std::string& line) -> std::string {
      if (starts_with(line, "-- migrate:up")) {
        if (line.find("transaction:false") != std::string::npos) migration.no_transaction = true;
        return "up";
      }
      if (starts_with(line, "-- migrate:down")) return "down";
      return "";
    });
    if (!parts.count("up")) refuse(file, "no `-- migrate:up` section");
    migration.up = parts.at("up");
    migration.down = down_section(parts);
    out.push_back(std::move(migration));
  }
  return out;
}

// <timestamp>_<name>.sql with `-- Up Migration` and `-- Down Migration`; the history (pgmigrations)
// records the file name without its extension.
std::vector<Imported> read_node_pg_migrate(const fs::path& directory) {
  static const std::regex name(R"(^([0-9]+)_(.+)\.(sql|js|cjs|mjs|ts)$)");
  std::vector<Imported> out;
  for (const auto& file : files_in(directory)) {
    std::smatch match;
    const auto file_name = file.filename().string();
    if (!std::regex_match(file_name, match, name)) continue;
    if (match[3] != "sql") refuse(file, "a JavaScript migration: strata runs SQL; rewrite it as SQL");
    auto migration = numbered(match[1], match[2], file);
    migration.id = file.stem().string();
    const auto parts = sections(read_text(file), [](const std::string& line) -> std::string {
      if (starts_with_any_case(line, "-- Up Migration")) return "up";
      if (starts_with_any_case(line, "-- Down Migration")) return "down";
      return "";
    }, "up");
    migration.up = parts.count("up") ? parts.at("up") : "";
    migration.down = down_section(parts);
    out.push_back(std::move(migration));
  }
  return out;
}

}  // namespace strata::importer::detail
