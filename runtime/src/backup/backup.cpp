#include "strata/backup.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <memory>
#include <system_error>

#include "processes/child_process.h"
#include "clusters/connection_parameters.h"
#include "clusters/pg_binaries_search.h"
#include "strata/cluster.h"
#include "strata/connection.h"
#include "processes/os_error.h"

namespace strata::backup {

namespace fs = std::filesystem;

namespace {

// pg_dump and pg_restore say which server they could not reach, never the password (they do not
// have it on their command line); redacting their output as well costs nothing.
std::string tool_output(const std::string& output) { return runtime::redact_password(output); }

void create_private_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw os_error("create " + file.string());
  ::close(fd);
}

}  // namespace

std::string backup_file_name(const std::string& label, std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  return label + "-" + stamp + ".dump";
}

ClientConnection split_password(const std::string& connection) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(connection.c_str(), &error),
                                                                       &PQconninfoFree);
  if (!options) {
    // libpq's message may quote part of the text, password included: leave it out.
    PQfreemem(error);
    throw BackupError("cannot parse the connection " + runtime::redact_password(connection) +
                      " (neither a valid postgresql:// URL nor a keyword=value string)");
  }
  ClientConnection result;
  runtime::ConnectionParameters parameters;
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    if (std::string(option->keyword) == "password") {
      if (*option->val != '\0') result.password = option->val;
      continue;
    }
    parameters.emplace_back(option->keyword, option->val);
  }
  result.connection = runtime::keyword_value_string(parameters);
  return result;
}

fs::path dump(const std::string& connection, const fs::path& directory, const std::string& label,
              std::chrono::system_clock::time_point now) {
  const auto client = split_password(connection);
  if (!fs::exists(directory)) {
    fs::create_directories(directory);
    fs::permissions(directory, fs::perms::owner_all);  // a dump holds every row of the database
  }
  const std::string name = backup_file_name(label, now);
  fs::path file = directory / name;
  for (int n = 2; fs::exists(file); ++n) {
    file = directory / (name.substr(0, name.size() - 5) + "-" + std::to_string(n) + ".dump");
  }
  const fs::path partial = file.string() + ".partial";
  fs::remove(partial);
  create_private_file(partial);

  std::vector<std::pair<std::string, std::string>> environment;
  if (client.password) environment.emplace_back("PGPASSWORD", *client.password);
  const auto pg_dump = runtime::process_pg_binaries().tool("pg_dump");
  const auto result = runtime::run_client_command(
      pg_dump, {"--format=custom", "--file=" + partial.string(), "--dbname=" + client.connection}, environment);
  if (result.exit_code != 0) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw BackupError("pg_dump of " + runtime::redact_password(connection) + " failed (exit code " +
                      std::to_string(result.exit_code) + "):\n" + tool_output(result.output));
  }
  fs::rename(partial, file);
  return file;
}

void restore(const std::string& connection, const fs::path& file) {
  if (!fs::is_regular_file(file)) throw BackupError(file.string() + ": no such backup file");
  const auto client = split_password(connection);
  std::vector<std::pair<std::string, std::string>> environment;
  if (client.password) environment.emplace_back("PGPASSWORD", *client.password);
  const auto pg_restore = runtime::process_pg_binaries().tool("pg_restore");
  const auto result = runtime::run_client_command(
      pg_restore,
      {"--clean", "--if-exists", "--single-transaction", "--no-owner", "--dbname=" + client.connection,
       file.string()},
      environment);
  if (result.exit_code != 0) {
    throw BackupError("pg_restore of " + file.string() + " into " + runtime::redact_password(connection) +
                      " failed (exit code " + std::to_string(result.exit_code) + "); nothing was changed:\n" +
                      tool_output(result.output));
  }
}

}  // namespace strata::backup
