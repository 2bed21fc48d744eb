#include "runner_support.h"

#include <unistd.h>

#include <cmath>
#include <iostream>
#include <map>

#include <pqxx/pqxx>

#include "secrets.h"
#include "strata/backup.h"
#include "strata/connection.h"
#include "strata/cluster.h"
#include "strata/dev_database.h"
#include "strata/diff.h"
#include "strata/generate.h"
#include "strata/introspect.h"

namespace strata::cli {

namespace fs = std::filesystem;

void add_project_option(CLI::App* command, TargetArguments& arguments) {
  command->add_option("--project", arguments.project,
                      "Project file (default: strata.json in the current directory or the nearest one above)");
}

void add_target_options(CLI::App* command, TargetArguments& arguments) {
  add_project_option(command, arguments);
  command->add_option("--migrations", arguments.migrations,
                      "Migrations directory (default: from strata.json, else schema/migrations)");
  auto* url = command->add_option("--url", arguments.url, "postgresql:// URL of the target database");
  auto* env = command->add_option("--env", arguments.env, "Target environment, by its name in strata.json");
  url->excludes(env);
}

const char* const kTargetHelp =
    "Target: --url, or --env NAME (the URL comes from the environment variable strata.json names),\n"
    "else the embedded development database (started on demand under $STRATA_DEV_DIR, default\n"
    "<project>/.strata/dev; see `strata dev`). Passwords are never printed.";

std::optional<project::Project> find_project(const std::string& explicit_file) {
  if (!explicit_file.empty()) return project::load_project(explicit_file);
  if (const auto file = project::find_project_file(fs::current_path())) return project::load_project(*file);
  return std::nullopt;
}

fs::path project_root(const std::optional<project::Project>& project) {
  return project ? project->root : fs::current_path();
}

namespace {

Target resolve_target(const TargetArguments& arguments, const std::optional<project::Project>& project) {
  Target target;
  if (!arguments.url.empty()) {
    register_secret(arguments.url);
    target.connection = arguments.url;
    target.description = runtime::redact_password(arguments.url);
    return target;
  }
  if (!arguments.env.empty()) {
    if (!project) {
      throw project::ProjectError("--env " + arguments.env +
                                  ": no strata.json in this directory or above it (or give --project FILE)");
    }
    target.environment = project->environment(arguments.env);
    target.connection = project::environment_url(*target.environment);
    register_secret(target.connection);
    target.description = arguments.env + " (" + runtime::redact_password(target.connection) + ")";
    return target;
  }
  const auto database = runtime::DevDatabase::ensure(runtime::dev_database_directory(project_root(project)));
  target.connection = database.connection_string();
  target.description = "development database (" + database.directory().string() + ")";
  target.dev = true;
  return target;
}

}  // namespace

Context open_context(const TargetArguments& arguments) {
  Context context;
  context.project = find_project(arguments.project);
  if (!arguments.migrations.empty()) {
    context.migrations_dir = arguments.migrations;
  } else if (context.project) {
    context.migrations_dir = context.project->migrations;
  } else {
    context.migrations_dir = "schema/migrations";
  }
  context.migrations = migrations::read_directory(context.migrations_dir);
  context.integrity_problems = migrations::verify_integrity(context.migrations_dir, context.migrations);
  context.target = resolve_target(arguments, context.project);
  return context;
}

void add_timeout_options(CLI::App* command, TimeoutArguments& arguments) {
  command->add_option("--lock-timeout", arguments.lock_timeout,
                      "How long a statement may wait for a lock: 200ms, 5s, 15min, 1h, or milliseconds "
                      "(default: strata.json, else 5s)");
  command->add_option("--statement-timeout", arguments.statement_timeout,
                      "How long one statement may run, 0 for no limit (default: strata.json, else 15min)");
}

runner::RunOptions run_options(const Context& context, const TimeoutArguments& timeouts) {
  runner::RunOptions options;
  if (context.project) {
    if (context.project->lock_timeout) options.timeouts.lock_timeout = *context.project->lock_timeout;
    if (context.project->statement_timeout) options.timeouts.statement_timeout = *context.project->statement_timeout;
    if (context.project->lock_retries) options.timeouts.lock_retries = *context.project->lock_retries;
  }
  const auto parse = [](const std::string& option, const std::string& text) {
    try {
      return project::parse_duration(text);
    } catch (const std::invalid_argument& error) {
      throw std::runtime_error(option + ": " + error.what());
    }
  };
  if (!timeouts.lock_timeout.empty()) options.timeouts.lock_timeout = parse("--lock-timeout", timeouts.lock_timeout);
  if (!timeouts.statement_timeout.empty()) {
    options.timeouts.statement_timeout = parse("--statement-timeout", timeouts.statement_timeout);
  }
  options.integrity_problems = context.integrity_problems;
  options.strata_version = STRATA_VERSION;
  return options;
}

void confirm_if_protected(const Target& target, bool yes, const std::string& what) {
  if (!target.environment || !target.environment->is_protected || yes) return;
  const std::string& name = target.environment->name;
  if (!::isatty(STDIN_FILENO)) {
    throw std::runtime_error(name + " is a protected environment: pass --yes to " + what + " (or run on a terminal to confirm)");
  }
  std::cerr << name << " is a protected environment. About to " << what << ".\n"
            << "Type the environment's name to continue: " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  if (answer != name) throw std::runtime_error("not confirmed: nothing was done");
}

void check_promotion_order(const Context& context, const std::vector<const migrations::Migration*>& pending) {
  const auto& environment = context.target.environment;
  if (!environment || !environment->is_protected || pending.empty() || !context.project) return;
  const auto* previous = context.project->previous(*environment);
  if (!previous) return;
  const auto url = project::environment_url_if_set(*previous);
  if (!url) {
    throw runner::RunnerError(environment->name + " is protected: its pending migrations must have been applied to " +
                              previous->name + " first, which cannot be checked because " + previous->url_env +
                              " is not set");
  }
  register_secret(*url);
  std::map<std::string, runner::HistoryEntry> applied;
  for (auto& entry : runner::read_history(*url)) applied.emplace(entry.version, std::move(entry));
  std::vector<std::string> problems;
  for (const auto* migration : pending) {
    const auto found = applied.find(migration->version);
    if (found == applied.end()) {
      problems.push_back(migration->name() + ": not applied to " + previous->name);
    } else if (found->second.statements_done) {
      problems.push_back(migration->name() + ": only partly applied to " + previous->name);
    } else if (!found->second.checksum.empty() && found->second.checksum != runner::checksum(*migration)) {
      problems.push_back(migration->name() + ": " + previous->name +
                         " applied a different version of this file (checksums differ)");
    }
  }
  if (!problems.empty()) {
    throw runner::RunnerError("refusing to apply to " + environment->name + " migrations that " + previous->name +
                                  " (the environment before it) has not applied; apply them there first",
                              problems);
  }
}

std::optional<fs::path> backup_if_configured(const Context& context, bool no_backup) {
  const auto& environment = context.target.environment;
  if (!environment || !environment->backs_up() || no_backup || !context.project) return std::nullopt;
  return backup::dump(context.target.connection, context.project->backup_dir, environment->name);
}

const migrations::Migration* find_migration(const Context& context, const std::string& version) {
  for (const auto& migration : context.migrations) {
    if (migration.version == version) return &migration;
  }
  return nullptr;
}

std::string display_name(const std::string& version, const std::string& name) {
  if (name.empty()) return version;
  if (name.rfind(version, 0) == 0) return name;
  return version + "_" + name;
}

std::string event_name(runner::Event::Kind kind) {
  using Kind = runner::Event::Kind;
  switch (kind) {
    case Kind::WaitingForLock: return "waiting_for_lock";
    case Kind::LockAcquired: return "lock_acquired";
    case Kind::AlreadyCurrent: return "already_current";
    case Kind::OutOfOrder: return "out_of_order";
    case Kind::Resuming: return "resuming";
    case Kind::MigrationStarted: return "migration_started";
    case Kind::StatementDone: return "statement_done";
    case Kind::LockRetry: return "lock_retry";
    case Kind::MigrationDone: return "migration_done";
  }
  return "unknown";
}

nlohmann::json event_to_json(const runner::Event& event) {
  nlohmann::json json = {{"event", event_name(event.kind)}};
  if (!event.migration.empty()) json["migration"] = event.migration;
  if (event.kind == runner::Event::Kind::MigrationDone) json["elapsed_ms"] = event.elapsed_ms;
  if (event.kind == runner::Event::Kind::LockRetry) json["attempt"] = event.attempt;
  if (event.statement > 0) json["statement"] = event.statement;
  if (event.statements > 0) json["statements"] = event.statements;
  if (!event.message.empty()) json["message"] = scrub_secrets(event.message);
  return json;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) != 0; }

std::string format_ms(double ms) {
  if (ms >= 10'000) return std::to_string(static_cast<long long>(std::llround(ms / 1000))) + " s";
  return std::to_string(static_cast<long long>(std::llround(ms))) + " ms";
}

TextProgress::TextProgress(std::string verb) : verb_(std::move(verb)), terminal_(stdout_is_terminal()) {}

void TextProgress::finish_line(const std::string& ending) {
  if (line_open_) {
    std::cout << ending << "\n" << std::flush;
  } else if (!running_.empty()) {
    std::cout << verb_ << " " << running_ << " ... " << ending << "\n" << std::flush;
  }
  line_open_ = false;
  running_.clear();
}

void TextProgress::operator()(const runner::Event& event) {
  using Kind = runner::Event::Kind;
  const std::string message = scrub_secrets(event.message);
  switch (event.kind) {
    case Kind::WaitingForLock:
      std::cerr << "waiting for another runner" << (message.empty() ? "" : ": " + message) << "\n";
      break;
    case Kind::LockAcquired:
    case Kind::AlreadyCurrent:  // the summary says it
      break;
    case Kind::OutOfOrder:
      std::cerr << "note: " << event.migration
                << " is older than the newest applied migration (a merged branch); applying it out of order\n";
      break;
    case Kind::Resuming:
      std::cout << "resuming " << event.migration << " after statement " << event.statement << "\n";
      break;
    case Kind::MigrationStarted:
      running_ = event.migration;
      if (terminal_) {
        std::cout << verb_ << " " << event.migration << " ... " << std::flush;
        line_open_ = true;
      }
      break;
    case Kind::StatementDone:
      if (terminal_ && line_open_ && event.statements > 0) std::cout << "." << std::flush;
      break;
    case Kind::LockRetry:
      if (line_open_) {
        std::cout << "lock timeout\n" << std::flush;
        line_open_ = false;
      }
      std::cerr << "lock timeout in " << event.migration << ", retry " << event.attempt
                << (message.empty() ? "" : " (blocked by " + message + ")") << "\n";
      break;
    case Kind::MigrationDone:
      running_ = event.migration;
      finish_line(format_ms(event.elapsed_ms));
      break;
  }
}

model::Catalog introspect_target(const std::string& connection) {
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(connection);
  } catch (const pqxx::broken_connection& error) {
    throw std::runtime_error("cannot connect to " + runtime::redact_password(connection) + ": " +
                             scrub_secrets(runtime::redact_password(error.what())));
  }
  auto catalog = introspect::introspect(*conn).catalog;
  // strata's own history schema is the runner's, not the application's.
  for (auto it = catalog.objects.begin(); it != catalog.objects.end();) {
    const auto& object = it->second;
    const bool ours = object.schema == runner::kHistorySchema ||
                      (object.kind == model::Kind::Schema && object.name == runner::kHistorySchema);
    it = ours ? catalog.objects.erase(it) : std::next(it);
  }
  return catalog;
}

model::Catalog replayed_catalog(const std::vector<migrations::Migration>& migrations, bool use_cached_cluster) {
  std::unique_ptr<runtime::Cluster> cluster;
  if (use_cached_cluster) {
    cluster = runtime::CachedCluster::acquire();
  } else {
    cluster = runtime::EphemeralCluster::start();
  }
  const runtime::ScratchDatabase database(*cluster, "strata_replay");
  generate::replay(*cluster, database.name(), migrations);
  return generate::introspect_database(*cluster, database.name());
}

Drift compute_drift(const Context& context, const runner::StatusReport& status, const std::string& live_connection,
                    bool use_cached_cluster) {
  // The migrations the database says it has, as their files are now.
  std::vector<migrations::Migration> applied;
  std::vector<std::string> cannot;
  Drift drift;
  for (const auto& migration : status.migrations) {
    const auto name = display_name(migration.version, migration.name);
    switch (migration.state) {
      case runner::State::Pending:
        break;
      case runner::State::Missing:
        cannot.push_back(name + ": applied, but its file is gone (strata repair --forget-missing, if on purpose)");
        break;
      case runner::State::Partial:
        cannot.push_back(name + ": only partly applied (run strata migrate to finish it)");
        break;
      case runner::State::Edited:
        drift.warnings.push_back(name + " was edited after it was applied: comparing with the file as it is now");
        [[fallthrough]];
      case runner::State::Applied:
        if (const auto* file = find_migration(context, migration.version)) applied.push_back(*file);
        break;
    }
  }
  if (!cannot.empty()) {
    throw runner::RunnerError("cannot tell what " + context.target.description + " should look like", cannot);
  }
  drift.applied = applied.size();
  const auto expected = replayed_catalog(applied, use_cached_cluster);
  const auto live = introspect_target(live_connection);
  drift.differences = generate::catalog_differences(expected, live);
  if (!drift.differences.empty()) {
    const auto plan = diff::diff(live, expected);
    drift.sql = diff::render_sql(plan);
    drift.plan_warnings = plan.warnings;
  }
  return drift;
}

std::vector<std::string> first_lines(std::vector<std::string> lines, std::size_t limit) {
  if (lines.size() <= limit) return lines;
  const auto more = lines.size() - limit;
  lines.resize(limit);
  lines.push_back("... and " + std::to_string(more) + " more");
  return lines;
}

}  // namespace strata::cli
