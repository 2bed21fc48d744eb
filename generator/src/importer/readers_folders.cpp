// Tools whose migrations are folders or are listed by a plan: diesel, Prisma (a folder per
// migration), Drizzle (files in the order of its journal), sqitch (deploy/revert scripts in the
// order of sqitch.plan), Liquibase formatted SQL (changesets in files).
#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common.h"

namespace strata::importer::detail {
namespace {

namespace fs = std::filesystem;

std::string digits_of(const std::string& text) {
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

}  // namespace

// <YYYY-MM-DD-HHMMSS>_<name>/up.sql, down.sql, metadata.toml (run_in_transaction = false). The
// history (__diesel_schema_migrations) records the timestamp's digits.
std::vector<Imported> read_diesel(const fs::path& directory) {
  static const std::regex name(R"(^([0-9][0-9-]*)_(.+)$)");
  std::vector<Imported> out;
  for (const auto& folder : directories_in(directory)) {
    std::smatch match;
    const auto folder_name = folder.filename().string();
    if (!std::regex_match(folder_name, match, name)) refuse(folder, "not a diesel migration folder (<timestamp>_<name>)");
    if (!fs::exists(folder / "up.sql")) refuse(folder, "no up.sql");
    Imported migration;
    migration.id = digits_of(match[1]);
    migration.number = migration.id;
    migration.slug = slug_of(match[2]);
    migration.source = folder / "up.sql";
    migration.up = read_text(folder / "up.sql");
    if (fs::exists(folder / "down.sql")) migration.down = read_text(folder / "down.sql");
    if (fs::exists(folder / "metadata.toml")) {
      const auto metadata = read_text(folder / "metadata.toml");
      static const std::regex off(R"(run_in_transaction\s*=\s*false)");
      if (std::regex_search(metadata, off)) migration.no_transaction = true;
    }
    out.push_back(std::move(migration));
  }
  return out;
}

// <timestamp>_<name>/migration.sql; the history (_prisma_migrations) records the folder's name.
std::vector<Imported> read_prisma(const fs::path& directory) {
  static const std::regex name(R"(^([0-9]+)_(.+)$)");
  std::vector<Imported> out;
  for (const auto& folder : directories_in(directory)) {
    std::smatch match;
    const auto folder_name = folder.filename().string();
    if (!std::regex_match(folder_name, match, name) || !fs::exists(folder / "migration.sql")) {
      refuse(folder, "not a Prisma migration folder (<timestamp>_<name>/migration.sql)");
    }
    Imported migration;
    migration.id = folder_name;
    migration.number = match[1];
    migration.slug = slug_of(match[2]);
    migration.source = folder / "migration.sql";
    migration.up = read_text(migration.source);
    out.push_back(std::move(migration));
  }
  return out;
}

// <idx>_<tag>.sql listed by meta/_journal.json {"entries": [{"idx", "when", "tag"}]}; statements
// separated by `--> statement-breakpoint`. The history (drizzle.__drizzle_migrations) records
// `when` as created_at.
std::vector<Imported> read_drizzle(const fs::path& directory) {
  const auto journal_file = directory / "meta" / "_journal.json";
  if (!fs::exists(journal_file)) refuse(directory, "no meta/_journal.json: not a Drizzle migrations folder");
  nlohmann::json journal;
  try {
    journal = nlohmann::json::parse(read_text(journal_file));
  } catch (const nlohmann::json::exception& error) {
    refuse(journal_file, std::string("not JSON: ") + error.what());
  }
  std::vector<Imported> out;
  for (const auto& entry : journal.value("entries", nlohmann::json::array())) {
    const std::string tag = entry.value("tag", std::string());
    const auto file = directory / (tag + ".sql");
    if (!fs::exists(file)) refuse(journal_file, "lists " + tag + ", but " + file.string() + " does not exist");
    Imported migration;
    migration.id = std::to_string(entry.value("when", 0LL));
    migration.number = migration.id;
    const auto underscore = tag.find('_');
    migration.slug = slug_of(underscore == std::string::npos ? tag : tag.substr(underscore + 1));
    migration.source = file;
    migration.up = read_text(file);
    for (auto at = migration.up.find("--> statement-breakpoint"); at != std::string::npos;
         at = migration.up.find("--> statement-breakpoint", at)) {
      migration.up.replace(at, 3, "-- ");  // a comment for strata (statements end with ';' anyway)
    }
    out.push_back(std::move(migration));
  }
  return out;
}

// sqitch.plan: `%` pragmas, `@tag` lines, and `<change> [<dependencies>] <timestamp> <planner> #
// <note>` lines, in deploy order; deploy/<change>.sql and revert/<change>.sql. The history
// (sqitch.changes) records the change's name.
std::vector<Imported> read_sqitch(const fs::path& directory) {
  const auto plan_file = directory / "sqitch.plan";
  if (!fs::exists(plan_file)) refuse(directory, "no sqitch.plan: not a sqitch project");
  std::istringstream plan(read_text(plan_file));
  std::vector<Imported> out;
  std::set<std::string> seen;
  int line_number = 0;
  for (std::string line; std::getline(plan, line);) {
    ++line_number;
    const auto begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos || line[begin] == '%' || line[begin] == '@' || line[begin] == '#') continue;
    std::string change;
    std::istringstream(line.substr(begin)) >> change;
    if (!seen.insert(change).second) {
      refuse(plan_file, "line " + std::to_string(line_number) + ": " + change +
                            " is reworked (planned twice): strata imports each change once; import up to the "
                            "tag before the rework, or write its rework as a new migration");
    }
    const auto deploy = directory / "deploy" / (change + ".sql");
    if (!fs::exists(deploy)) refuse(plan_file, "line " + std::to_string(line_number) + ": no " + deploy.string());
    Imported migration;
    migration.id = change;
    migration.slug = slug_of(change);
    migration.source = deploy;
    migration.up = read_text(deploy);
    if (const auto revert = directory / "revert" / (change + ".sql"); fs::exists(revert)) migration.down = read_text(revert);
    out.push_back(std::move(migration));
  }
  return out;
}

// Liquibase SQL changelogs, in the order Liquibase runs them: `source` is an XML master changelog
// (its <include file="..."/> in order; <includeAll path="..."/> as a directory), a directory (its
// .sql files, recursively, in path order: includeAll), or one .sql changelog. A formatted one
// (`-- liquibase formatted sql` first) has `-- changeset author:id [runInTransaction:false]
// [logicalFilePath:F]` sections and `-- rollback <sql>` lines; any other .sql file is one raw
// changeset, as Liquibase runs it. A changeset met again (a file included twice) runs once. Its
// id: <file>::<id>::<author>, which is how DATABASECHANGELOG tells changesets apart.
namespace {

std::vector<fs::path> sql_files_under(const fs::path& directory) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<fs::path> changelog_files(const fs::path& source) {
  if (fs::is_directory(source)) return sql_files_under(source);
  if (source.extension() == ".sql") return {source};
  static const std::regex include(R"re(<include(All)?\s[^>]*?(file|path)\s*=\s*"([^"]+)")re");
  const auto xml = read_text(source);
  std::vector<fs::path> files;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), include); it != std::sregex_iterator(); ++it) {
    const fs::path named = source.parent_path() / (*it)[3].str();
    if ((*it)[1].matched) {
      for (auto& file : sql_files_under(named)) files.push_back(std::move(file));
    } else if (named.extension() != ".sql") {
      refuse(source, "includes " + (*it)[3].str() + ", not a SQL changelog: strata imports SQL changelogs only");
    } else {
      if (!fs::exists(named)) refuse(source, "includes " + named.string() + ", which does not exist");
      files.push_back(named);
    }
  }
  if (files.empty()) refuse(source, "includes no SQL changelog");
  return files;
}

}  // namespace

std::vector<Imported> read_liquibase(const fs::path& source) {
  static const std::regex header(R"(^--\s*liquibase formatted sql)");
  static const std::regex changeset(R"(^--\s*changeset\s+([^:\s]+):(\S+)(.*)$)");
  static const std::regex logical(R"(logicalFilePath:(\S+))");
  static const std::regex rollback(R"(^--\s*rollback\b(.*)$)");
  std::vector<Imported> out;
  std::set<std::string> seen;
  for (const auto& file : changelog_files(source)) {
    const auto text = read_text(file);
    if (!std::regex_search(text.substr(0, text.find('\n')), header)) {
      Imported raw;  // a raw SQL changelog: one changeset, as Liquibase names it
      raw.id = file.filename().string() + "::raw::includeAll";
      raw.slug = slug_of(file.stem().string());
      raw.source = file;
      raw.up = text;
      if (seen.insert(raw.id).second) out.push_back(std::move(raw));
      continue;
    }
    std::istringstream lines(text);
    Imported* current = nullptr;
    std::size_t line_number = 0;
    for (std::string line; std::getline(lines, line); ++line_number) {
      std::smatch match;
      if (std::regex_match(line, match, changeset)) {
        const std::string attributes = match[3];
        std::smatch path;
        const std::string file_name =
            std::regex_search(attributes, path, logical) ? fs::path(path[1].str()).filename().string() : file.filename().string();
        Imported migration;
        migration.id = file_name + "::" + std::string(match[2]) + "::" + std::string(match[1]);
        migration.slug = slug_of(match[2]);
        migration.source = file;
        migration.no_transaction = attributes.find("runInTransaction:false") != std::string::npos;
        migration.up = std::string(line_number + 1, '\n');  // its line numbers are the file's
        current = nullptr;
        if (!seen.insert(migration.id).second) continue;  // included again: Liquibase runs it once
        out.push_back(std::move(migration));
        current = &out.back();
        continue;
      }
      if (current == nullptr) continue;
      if (std::regex_match(line, match, rollback)) {
        const std::string statement = match[1];
        if (statement.find_first_not_of(" \t\r") != std::string::npos && statement.find("not required") == std::string::npos) {
          current->down = current->down.value_or("") + statement + "\n";
        }
        current->up += "\n";
        continue;
      }
      current->up += line + "\n";
    }
  }
  return out;
}

}  // namespace strata::importer::detail
