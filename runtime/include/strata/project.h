// The project file, strata.json: where the schema and the migrations are, the runner's
// timeouts, and the environments a migration is promoted through (docs/environments.md).
//
//   {
//     "schema": "schema", "migrations": "schema/migrations",
//     "backup_dir": ".strata/backups",
//     "lock_timeout": "5s", "statement_timeout": "15min", "lock_retries": 3,
//     "diff": {"owners": true, "privileges": true},
//     "environments": [
//       {"name": "dev",  "url_env": "DEV_DATABASE_URL"},
//       {"name": "test", "url_env": "TEST_DATABASE_URL"},
//       {"name": "prod", "url_env": "PROD_DATABASE_URL", "protected": true, "backup": true},
//       {"name": "tenants", "fleet": {"urls_file": "tenants.txt"}, "protected": true}
//     ]
//   }
//
// The order of `environments` is the promotion order. Relative paths are relative to the
// directory holding the file. Unknown keys are errors (a typo must not silently drop a setting).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/error.h"

namespace strata::project {

constexpr const char* kProjectFileName = "strata.json";

// A problem with the project file or an environment; what() names the file or the variable.
class ProjectError : public Error {
 public:
  using Error::Error;
};

// A fleet: one environment of many databases migrated alike (docs/fleets.md). The targets come
// from a file (one URL, or the name of a variable holding one, per line; blank lines and # comments
// skipped), from a query on a control database (its URL in `control_url_env`) returning one
// URL per row (first column; a second column, when there is one, names the target), or are
// schemas of one database (its URL in `url_env`): a list, or a query on that database returning
// their names (schema per tenant: each with its own history, RunOptions::schema).
struct Fleet {
  std::filesystem::path urls_file;  // absolute
  std::string query;
  std::string control_url_env;
  std::string url_env;                // schemas: the database holding them
  std::vector<std::string> schemas;
  std::string schemas_query;
};

struct Environment {
  std::string name;
  std::string url_env;          // the environment variable holding the database URL (not for a fleet)
  bool is_protected = false;    // "protected": confirmation, and the promotion order is enforced
  std::optional<bool> backup;   // "backup"; unset means: back up when protected
  std::optional<Fleet> fleet;   // "fleet": many databases instead of one
  bool backs_up() const { return backup.value_or(is_protected); }
};

struct Project {
  std::filesystem::path file;  // absolute path of strata.json
  std::filesystem::path root;  // the directory holding it
  // Absolute paths.
  std::filesystem::path schema;
  std::filesystem::path migrations;
  std::filesystem::path backup_dir;
  // Unset: the runner's defaults.
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::optional<std::chrono::milliseconds> statement_timeout;
  std::optional<int> lock_retries;
  // "diff": {"owners": false, "privileges": false}: leave owners / privileges (ACLs and default
  // privileges) out of every comparison, for teams that manage them with another tool.
  bool diff_owners = true;
  bool diff_privileges = true;
  std::vector<Environment> environments;  // promotion order

  // nullptr when there is no such environment.
  const Environment* find_environment(const std::string& name) const;
  // The environment before / after `environment` in the promotion order (nullptr at the ends).
  const Environment* previous(const Environment& environment) const;
  const Environment* next(const Environment& environment) const;
  // The environment called `name`; throws ProjectError listing the known names otherwise.
  const Environment& environment(const std::string& name) const;
};

// Parses the text of a project file; `file` is used for relative paths and error messages.
// Throws ProjectError ("strata.json: unknown key \"migration\" ...") for bad JSON, unknown keys,
// wrong types, duplicate or empty environment names, bad durations.
Project parse_project(const std::string& text, const std::filesystem::path& file);
// Reads and parses `file`; throws ProjectError when it cannot be read.
Project load_project(const std::filesystem::path& file);

// strata.json in `start` or the nearest directory above it; nullopt when there is none.
std::optional<std::filesystem::path> find_project_file(const std::filesystem::path& start);

// A name an environment variable can have (letters, digits, _; not starting with a digit).
bool valid_variable_name(const std::string& name);

// The URL of an environment from its variable. Throws ProjectError naming the environment and
// the variable when the variable is unset or empty (the value is never part of a message).
std::string environment_url(const Environment& environment);
// The same without throwing: nullopt when the variable is unset or empty.
std::optional<std::string> environment_url_if_set(const Environment& environment);

// "200ms", "5s", "15min", "1h"; a plain number is milliseconds; "0" is zero. Throws
// strata::Error with a message that shows the accepted forms.
std::chrono::milliseconds parse_duration(const std::string& text);
// The shortest of the forms above that says exactly `duration` ("15min", "1500ms").
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace strata::project
