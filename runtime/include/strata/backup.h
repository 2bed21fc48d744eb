// Backups of a target database before the runner changes it, and restoring one.
//
// pg_dump / pg_restore of the PostgreSQL binaries strata uses (runtime::PgBinaries::find()).
// The password never goes on their command line (where `ps` would show it): the connection is
// passed without it and the password in the child's PGPASSWORD.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "strata/error.h"

namespace strata::backup {

class BackupError : public Error {
 public:
  using Error::Error;
};

// "<label>-<UTC yyyymmddTHHMMSSZ>.dump", e.g. "prod-20261122T143005Z.dump".
std::string backup_file_name(const std::string& label, std::chrono::system_clock::time_point when);

// pg_dump -Fc of `connection` (URL or keyword/value string) into `directory` (created, mode
// 0700, when missing) as backup_file_name(label, now); the file is mode 0600, written under a
// temporary name and renamed when pg_dump succeeded. When a file of that name exists (two
// backups in one second), "-2", "-3"... is appended. Returns the path. Throws BackupError with
// pg_dump's output (connection redacted) when it fails; nothing is left behind then.
std::filesystem::path dump(const std::string& connection, const std::filesystem::path& directory,
                           const std::string& label,
                           std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// pg_restore --clean --if-exists --single-transaction --no-owner of `file` into `connection`:
// every object of the dump is dropped (when present) and recreated with its data, all or
// nothing. Objects created after the dump are left alone. Throws BackupError with pg_restore's
// output when it fails (the transaction is rolled back: nothing changed).
void restore(const std::string& connection, const std::filesystem::path& file);

// A connection split for a client program: the keyword/value connection string without the
// password, and the password (from the URL or `password=`), if any. Throws BackupError when
// libpq cannot parse the connection (the message never contains the password).
struct ClientConnection {
  std::string connection;
  std::optional<std::string> password;
};
ClientConnection split_password(const std::string& connection);

}  // namespace strata::backup
