// What the runner commands (migrate, status, rollback, repair, baseline, verify, restore) share:
// the project file, the migrations directory, the target database (--url, --env or the embedded
// development database), protected-environment confirmation, and progress output.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "strata/migrations.h"
#include "strata/model.h"
#include "strata/project.h"
#include "strata/runner.h"

namespace strata::cli {

// --project, --migrations, --url, --env.
struct TargetArguments {
  std::string project;
  std::string migrations;
  std::string url;
  std::string env;
};
void add_project_option(CLI::App* command, TargetArguments& arguments);
void add_target_options(CLI::App* command, TargetArguments& arguments);
extern const char* const kTargetHelp;  // for the commands' footers

// strata.json from --project, else the nearest one at or above the current directory.
std::optional<project::Project> find_project(const std::string& explicit_file);
// The project's root, or the current directory without a project.
std::filesystem::path project_root(const std::optional<project::Project>& project);

struct Target {
  std::string connection;   // what to connect with (may hold a password: never print it)
  std::string description;  // for people: "prod (postgresql://app:****@db/app)"
  std::optional<project::Environment> environment;  // --env
  bool dev = false;                                   // the embedded development database
};

struct Context {
  std::optional<project::Project> project;
  std::filesystem::path migrations_dir;
  std::vector<migrations::Migration> migrations;
  std::vector<std::string> integrity_problems;
  Target target;
};

// Reads the project, the migrations and their integrity, and resolves the target (starting the
// development database when neither --url nor --env is given).
Context open_context(const TargetArguments& arguments);

// --lock-timeout / --statement-timeout (empty: strata.json, else the runner's defaults).
struct TimeoutArguments {
  std::string lock_timeout;
  std::string statement_timeout;
};
void add_timeout_options(CLI::App* command, TimeoutArguments& arguments);
runner::RunOptions run_options(const Context& context, const TimeoutArguments& timeouts);

// A protected environment needs --yes, or the environment's name typed on a terminal. `what`
// says what is about to happen ("apply 2 migrations"). Throws when not confirmed.
void confirm_if_protected(const Target& target, bool yes, const std::string& what);

// Connects to the previous environment in the promotion order and refuses (RunnerError listing
// them) pending migrations it has not applied, or applied with a different checksum.
void check_promotion_order(const Context& context, const std::vector<const migrations::Migration*>& pending);

// Backs up the target when its environment asks for it; returns the dump's path.
std::optional<std::filesystem::path> backup_if_configured(const Context& context, bool no_backup);

// The migration's file by version (nullptr when there is none).
const migrations::Migration* find_migration(const Context& context, const std::string& version);

// "20261122143005_create_users" whatever form the runner's `name` takes.
std::string display_name(const std::string& version, const std::string& name);

// Progress events: snake_case names, JSON lines, text lines.
std::string event_name(runner::Event::Kind kind);
nlohmann::json event_to_json(const runner::Event& event);

class TextProgress {
 public:
  explicit TextProgress(std::string verb);  // "applying", "reverting"
  void operator()(const runner::Event& event);
  // Ends the line of the migration that is running ("applying X ... failed").
  void finish_line(const std::string& ending);
 private:
  std::string verb_;
  bool terminal_;
  bool line_open_ = false;
  std::string running_;  // the migration started and not done yet
};

// The live database's catalog without strata's own history schema. Throws with the target
// redacted when it cannot be reached.
model::Catalog introspect_target(const std::string& connection);

// The catalog `migrations` build, replayed in order on a scratch database of a throwaway cluster
// (the cached one, or a private one for this run).
model::Catalog replayed_catalog(const std::vector<migrations::Migration>& migrations, bool use_cached_cluster);

// Drift: the live database (its `strata` schema aside) against what its applied migrations build
// (replayed on a throwaway cluster). `status` is runner::status of that database. Throws
// RunnerError when that cannot be told (an applied migration's file is gone, or one is partial).
struct Drift {
  std::size_t applied = 0;                 // applied migrations replayed
  std::vector<std::string> differences;    // empty: no drift
  std::string sql;                         // what would bring the database back (when drift)
  std::vector<std::string> plan_warnings;  // the diff's warnings about that SQL
  std::vector<std::string> warnings;       // edited migrations compared as they are now
};
Drift compute_drift(const Context& context, const runner::StatusReport& status, const std::string& live_connection,
                    bool use_cached_cluster);

// At most `limit` lines, then "... and N more".
std::vector<std::string> first_lines(std::vector<std::string> lines, std::size_t limit = 50);

bool stdout_is_terminal();
std::string format_ms(double ms);

}  // namespace strata::cli
