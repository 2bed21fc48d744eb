// Tools whose migrations are folders or are listed by a plan: diesel, Prisma (a folder per
// migration), Drizzle (files in the order of its journal), sqitch (deploy/revert scripts in the
// order of sqitch.plan), Liquibase formatted SQL (changesets in files).
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

// Formatted SQL changelogs (`--liquibase formatted sql` first): `--changeset author:id
// [runInTransaction:false]`, its SQL, `--rollback <sql>` lines. Files in name order (what
// includeAll does), changesets in file order. Its id: <file>::<id>::<author>, as DATABASECHANGELOG
// tells them apart.
std::vector<Imported> read_liquibase(const fs::path& directory) {
  static const std::regex changeset(R"(^--\s*changeset\s+([^:\s]+):(\S+)(.*)$)");
  std::vector<Imported> out;
  for (const auto& file : files_in(directory)) {
    if (file.extension() != ".sql") continue;
    const auto text = read_text(file);
    if (text.rfind("--liquibase formatted sql", 0) != 0) refuse(file, "not a Liquibase formatted SQL changelog");
    std::istringstream lines(text);
    Imported* current = nullptr;
    std::size_t line_number = 0;
    for (std::string line; std::getline(lines, line); ++line_number) {
      std::smatch match;
      if (std::regex_match(line, match, changeset)) {
        Imported migration;
        migration.id = file.filename().string() + "::" + std::string(match[2]) + "::" + std::string(match[1]);
        migration.slug = slug_of(match[2]);
        migration.source = file;
        migration.no_transaction = std::string(match[3]).find("runInTransaction:false") != std::string::npos;
        migration.up = std::string(line_number + 1, '\n');  // its line numbers are the file's
        out.push_back(std::move(migration));
        current = &out.back();
        continue;
      }
      if (current == nullptr) continue;
      if (line.rfind("--rollback", 0) == 0) {
        std::string rollback = line.substr(10);
        if (rollback.find_first_not_of(" \t\r") != std::string::npos && rollback.find("not required") == std::string::npos) {
          current->down = current->down.value_or("") + rollback + "\n";
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
