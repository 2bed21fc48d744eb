#include "strata/promote/target.h"

#include "strata/connection.h"
#include "strata/dev_database.h"
#include "strata/migration_integrity.h"

namespace strata::promote {

namespace fs = std::filesystem;

std::optional<project::Project> find_project(const std::string& explicit_file) {
  if (!explicit_file.empty()) return project::load_project(explicit_file);
  if (const auto file = project::find_project_file(fs::current_path())) return project::load_project(*file);
  return std::nullopt;
}

model::Scope scope_of(const std::optional<project::Project>& project) {
  if (!project) return {};
  return model::Scope{project->diff_owners, project->diff_privileges};
}

fs::path project_root(const std::optional<project::Project>& project) {
  return project ? project->root : fs::current_path();
}

const migrations::Migration* Context::find(const std::string& version) const {
  for (const auto& migration : migrations) {
    if (migration.version == version) return &migration;
  }
  return nullptr;
}

namespace {

Target resolve_target(const TargetOptions& options, const std::optional<project::Project>& project) {
  Target target;
  if (!options.url.empty()) {
    runtime::remember_secrets(options.url);
    target.connection = options.url;
    target.description = runtime::redact_password(options.url);
    return target;
  }
  if (!options.env.empty()) {
    if (!project) {
      throw project::ProjectError("--env " + options.env +
                                  ": no strata.json in this directory or above it (or give --project FILE)");
    }
    target.environment = project->environment(options.env);
    if (options.allow_fleet && target.environment->fleet) {
      target.description = "fleet " + options.env;
      return target;
    }
    target.connection = project::environment_url(*target.environment);
    runtime::remember_secrets(target.connection);
    target.description = options.env + " (" + runtime::redact_password(target.connection) + ")";
    return target;
  }
  const auto database = runtime::DevDatabase::ensure(runtime::dev_database_directory(project_root(project)));
  target.connection = database.connection_string();
  target.description = "development database (" + database.directory().string() + ")";
  target.dev = true;
  return target;
}

}  // namespace

Context open_context(const TargetOptions& options) {
  Context context;
  context.project = find_project(options.project);
  if (!options.migrations.empty()) {
    context.migrations_dir = options.migrations;
  } else if (context.project) {
    context.migrations_dir = context.project->migrations;
  } else {
    context.migrations_dir = "schema/migrations";
  }
  if (!std::filesystem::is_directory(context.migrations_dir)) {
    throw Error(context.migrations_dir.string() + ": no such migrations directory (" +
                (options.migrations.empty() ? std::string(context.project ? "\"migrations\" in " + context.project->file.string()
                                                                          : std::string("the default; no strata.json found"))
                                            : std::string("--migrations")) +
                "): nothing would be applied. Run from the project, or give --migrations DIR");
  }
  context.migrations = migrations::read_directory(context.migrations_dir);
  context.integrity_problems = migrations::verify_integrity(context.migrations_dir, context.migrations);
  context.target = resolve_target(options, context.project);
  return context;
}

void refuse_empty_directory_with_history(const Context& context, const std::string& connection) {
  if (!context.migrations.empty()) return;
  const auto status = runner::status(connection, context.migrations, context.integrity_problems);
  std::size_t applied = 0;
  std::string newest;
  for (const auto& migration : status.migrations) {
    if (migration.state == runner::State::Pending) continue;
    ++applied;
    newest = migration.name;
  }
  if (applied == 0) return;
  throw Error(context.migrations_dir.string() + ": holds no migration, but " + context.target.description + " has " +
              std::to_string(applied) + " applied (newest " + newest +
              "). Is this the right migrations directory (--migrations DIR)?");
}

runner::RunOptions run_options(const Context& context, const Timeouts& overrides, const std::string& strata_version) {
  runner::RunOptions options;
  if (context.project) {
    if (context.project->lock_timeout) options.timeouts.lock_timeout = *context.project->lock_timeout;
    if (context.project->statement_timeout) options.timeouts.statement_timeout = *context.project->statement_timeout;
    if (context.project->lock_retries) options.timeouts.lock_retries = *context.project->lock_retries;
  }
  if (overrides.lock_timeout) options.timeouts.lock_timeout = *overrides.lock_timeout;
  if (overrides.statement_timeout) options.timeouts.statement_timeout = *overrides.statement_timeout;
  options.integrity_problems = context.integrity_problems;
  options.strata_version = strata_version;
  return options;
}

std::vector<const migrations::Migration*> pending_files(const Context& context, const runner::StatusReport& status,
                                                        const std::optional<std::string>& to_version) {
  std::vector<const migrations::Migration*> pending;
  for (const auto* migration : status.pending()) {
    if (to_version && migration->version > *to_version) continue;
    if (const auto* file = context.find(migration->version)) pending.push_back(file);
  }
  return pending;
}

}  // namespace strata::promote
