// A migrations directory: versioned SQL files, their pragmas, and the integrity file that makes
// editing, deleting or reordering an applied migration impossible to miss.
//
// Files: <UTC yyyymmddHHMMSS>_<slug>.sql (up) and <same>_<slug>.down.sql (down).
// Pragmas: comment lines at the top of a file, `-- strata:<name> [value]` (docs/migrations.md).
// Integrity (`strata.sum`): strata/migration_integrity.h, in the tool library.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/error.h"

namespace strata::migrations {

struct Pragmas {
  bool no_transaction = false;  // -- strata:no-transaction  (CREATE INDEX CONCURRENTLY and friends)
  bool destructive = false;     // -- strata:destructive     (an approved destructive step)
  bool approved = false;        // -- strata:approved <reason> (strata lint: dangerous steps reviewed)
  std::string approved_reason;  // the text after `strata:approved`, trimmed ("" when none was given)
};

// Reads the pragma comments at the top of a migration (before its first statement).
Pragmas parse_pragmas(const std::string& sql);

struct MigrationFile {
  std::filesystem::path path;
  std::string sql;
  Pragmas pragmas;
};

struct Migration {
  std::string version;  // 14 digits, UTC yyyymmddHHMMSS
  std::string slug;     // create_users, add_users_email, ...
  MigrationFile up;
  std::optional<MigrationFile> down;
  std::string name() const { return version + "_" + slug; }
};

class MigrationError : public Error {
 public:
  using Error::Error;
};

// All migrations in version order. Throws MigrationError (naming the file) for a file whose
// name does not follow the pattern, a down file without its up file, or a repeated version.
// A directory that does not exist has no migrations.
std::vector<Migration> read_directory(const std::filesystem::path& directory);

}  // namespace strata::migrations
