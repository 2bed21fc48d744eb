// What a runner command works on: the project file, the migrations directory (and whether
// strata.sum matches it), and the target database: --url, --env (its URL from the variable
// strata.json names) or the embedded development database.
#pragma once

#include "strata/model.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/migrations.h"
#include "strata/project.h"
#include "strata/runner.h"

namespace strata::promote {

struct TargetOptions {
  std::string project;     // strata.json (default: here or the nearest directory above)
  std::string migrations;  // default: strata.json's, else schema/migrations
  std::string url;
  std::string env;
  bool allow_fleet = false;  // --env may name a fleet (migrate, status): the target is then the fleet itself
};

// strata.json from `explicit_file`, else the nearest one at or above the current directory.
std::optional<project::Project> find_project(const std::string& explicit_file);
// The project's root, or the current directory without a project.
std::filesystem::path project_root(const std::optional<project::Project>& project);

struct Target {
  std::string connection;   // what to connect with (may hold a password: never print it)
  std::string description;  // for people: "prod (postgresql://app:****@db/app)"
  std::optional<project::Environment> environment;  // --env
  bool dev = false;                                   // the embedded development database
  bool fleet() const { return environment && environment->fleet.has_value(); }  // no connection: fleet.h
};

// What of owners and privileges the project compares (strata.json "diff"); everything without one.
model::Scope scope_of(const std::optional<project::Project>& project);

struct Context {
  std::optional<project::Project> project;
  std::filesystem::path migrations_dir;
  std::vector<migrations::Migration> migrations;
  std::vector<std::string> integrity_problems;
  Target target;

  // The migration file of `version` (nullptr when there is none).
  const migrations::Migration* find(const std::string& version) const;
};

// Reads the project, the migrations and their integrity, and resolves the target, starting the
// development database when neither a URL nor an environment is given. Every URL it reads is
// remembered as a secret (runtime::remember_secrets). A migrations directory that does not exist
// is an error naming it (a path typo in CI must not deploy nothing and pass).
Context open_context(const TargetOptions& options);

// A directory with no migration is an error, naming it, when `connection`'s database has
// applied migrations (a wrong directory, not a project without migrations yet).
void refuse_empty_directory_with_history(const Context& context, const std::string& connection);

// The runner's options for the context: strata.json's timeouts, then these overrides; the
// integrity problems (any makes the runner refuse), the strata version recorded in the history.
struct Timeouts {
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::optional<std::chrono::milliseconds> statement_timeout;
};
runner::RunOptions run_options(const Context& context, const Timeouts& overrides, const std::string& strata_version);

// The pending migration files of `status`, up to `to_version` when given.
std::vector<const migrations::Migration*> pending_files(const Context& context, const runner::StatusReport& status,
                                                        const std::optional<std::string>& to_version = std::nullopt);

}  // namespace strata::promote
