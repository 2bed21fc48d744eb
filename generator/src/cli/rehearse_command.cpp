// strata rehearse: copy the target into a throwaway database, apply the pending migrations
// there, and report what happened (docs/promotion.md). Nothing is written to the target.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "rehearse_support.h"
#include "runner_support.h"
#include "secrets.h"
#include "strata/cluster.h"
#include "strata/connection.h"

namespace strata::cli {
namespace {

struct RehearseArguments {
  TargetArguments target;
  TimeoutArguments timeouts;
  std::string snapshot_url;
  std::string format = "text";
};

struct Failure {
  std::string message;
  std::vector<std::string> details;
  std::string file, sqlstate, statement;
  int line = 0, column = 0;
};

struct Step {
  const migrations::Migration* migration = nullptr;
  std::string status = "not_run";  // applied, failed, not_run
  double execution_ms = 0;
  int lock_retries = 0;
  std::vector<rehearse::LockSeen> locks;
  runner::RowCounts rows_before, rows_after;
  std::vector<std::string> vanished;        // "public.x: 10 -> 0 rows"
  std::vector<std::string> dropped_tables;  // tables present before, gone after
  std::optional<Failure> failure;
  bool destructive() const { return !vanished.empty() || !dropped_tables.empty(); }
};

std::string megabytes(long long bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

std::string lock_list(const std::vector<rehearse::LockSeen>& locks, bool tables_only) {
  std::string text;
  for (const auto& lock : locks) {
    if (tables_only && lock.relkind != 'r' && lock.relkind != 'p' && lock.relkind != 'm' && lock.relkind != 'f') continue;
    std::string modes;
    for (const auto& mode : lock.modes) modes += (modes.empty() ? "" : "+") + mode;
    text += (text.empty() ? "" : ", ") + lock.relation + " " + modes;
  }
  return text;
}

nlohmann::json failure_json(const Failure& failure) {
  nlohmann::json json = {{"message", scrub_secrets(failure.message)}, {"details", failure.details}};
  if (!failure.file.empty()) {
    json["file"] = failure.file;
    json["line"] = failure.line;
    json["column"] = failure.column;
    json["sqlstate"] = failure.sqlstate;
    json["statement"] = failure.statement;
  }
  return json;
}

void run_rehearse(const RehearseArguments& arguments, const GlobalOptions& globals) {
  const bool json = arguments.format == "json";
  const Context context = open_context(arguments.target);
  const bool from_snapshot = !arguments.snapshot_url.empty();
  const std::string source = from_snapshot ? arguments.snapshot_url : context.target.connection;
  if (from_snapshot) register_secret(arguments.snapshot_url);
  const std::string source_description =
      from_snapshot ? "snapshot " + runtime::redact_password(arguments.snapshot_url) : context.target.description;

  // The throwaway copy.
  std::unique_ptr<runtime::Cluster> cluster;
  if (globals.no_cluster_cache) {
    cluster = runtime::EphemeralCluster::start();
  } else {
    cluster = runtime::CachedCluster::acquire();
  }
  const runtime::ScratchDatabase copy(*cluster, "strata_rehearse");
  const std::string copy_connection = copy.connection_string();
  const bool show_progress = ::isatty(STDERR_FILENO) != 0;
  const auto copied = rehearse::copy_database(source, copy_connection, [show_progress](long long bytes) {
    if (show_progress) std::cerr << "\rcopying: " << megabytes(bytes) << std::flush;
  });
  if (show_progress) std::cerr << "\r\033[K" << std::flush;

  const auto status = runner::status(copy_connection, context.migrations, context.integrity_problems);

  // Drift: the source as it is against what its applied migrations build.
  nlohmann::json drift_json;
  std::optional<Drift> drift;
  std::string drift_error;
  try {
    const std::string live = rehearse::is_dump_file(source) ? copy_connection : source;
    drift = compute_drift(context, status, live, !globals.no_cluster_cache);
  } catch (const runner::RunnerError& error) {
    drift_error = error.what();
    for (const auto& detail : error.details) drift_error += "; " + detail;
  }

  std::vector<Step> steps;
  for (const auto* pending : status.pending()) {
    Step step;
    step.migration = find_migration(context, pending->version);
    if (step.migration) steps.push_back(step);
  }

  const runner::RowCounts rows_before = runner::count_rows(copy_connection);
  runner::RowCounts current = rows_before;
  auto options = run_options(context, arguments.timeouts);
  double total_ms = 0;
  bool success = true;
  for (auto& step : steps) {
    step.rows_before = current;
    rehearse::LockSampler sampler(copy_connection);
    sampler.start();
    options.to_version = step.migration->version;
    try {
      const auto report = runner::migrate(copy_connection, context.migrations, options);
      step.status = "applied";
      for (const auto& applied : report.applied) {
        step.execution_ms += applied.execution_ms;
        step.lock_retries += applied.lock_retries;
      }
    } catch (const sql::SqlError& error) {
      step.status = "failed";
      step.failure = Failure{error.what(), {}, error.location().file.string(), error.sqlstate(), error.statement(),
                             static_cast<int>(error.location().line), static_cast<int>(error.location().column)};
    } catch (const runner::RunnerError& error) {
      step.status = "failed";
      step.failure = Failure{error.what(), error.details, "", "", "", 0, 0};
    } catch (const std::exception& error) {
      step.status = "failed";
      step.failure = Failure{error.what(), {}, "", "", "", 0, 0};
    }
    step.locks = sampler.stop();
    step.rows_after = runner::count_rows(copy_connection);
    step.vanished = runner::vanished_rows(step.rows_before, step.rows_after);
    for (const auto& [table, rows] : step.rows_before) {
      if (!step.rows_after.count(table)) step.dropped_tables.push_back(table);
    }
    current = step.rows_after;
    total_ms += step.execution_ms;
    if (step.failure) {
      success = false;
      break;
    }
  }
  const runner::RowCounts rows_after = current;

  if (json) {
    nlohmann::json migrations_json = nlohmann::json::array();
    for (const auto& step : steps) {
      nlohmann::json locks = nlohmann::json::array();
      for (const auto& lock : step.locks) {
        locks.push_back({{"relation", lock.relation},
                         {"kind", std::string(1, lock.relkind)},
                         {"modes", std::vector<std::string>(lock.modes.begin(), lock.modes.end())}});
      }
      nlohmann::json entry = {{"version", step.migration->version},
                              {"name", step.migration->name()},
                              {"file", step.migration->up.path.string()},
                              {"status", step.status},
                              {"execution_ms", step.execution_ms},
                              {"lock_retries", step.lock_retries},
                              {"locks", locks},
                              {"destructive", step.destructive()},
                              {"marked_destructive", step.migration->up.pragmas.destructive},
                              {"vanished_rows", step.vanished},
                              {"dropped_tables", step.dropped_tables}};
      if (step.status != "not_run") {
        entry["rows_before"] = step.rows_before;
        entry["rows_after"] = step.rows_after;
      }
      if (step.failure) entry["error"] = failure_json(*step.failure);
      migrations_json.push_back(entry);
    }
    if (drift) {
      drift_json = {{"checked", true},       {"drift", !drift->differences.empty()},
                    {"applied", drift->applied}, {"differences", drift->differences},
                    {"sql", drift->sql},     {"warnings", drift->warnings}};
    } else {
      drift_json = {{"checked", false}, {"error", scrub_secrets(drift_error)}};
    }
    nlohmann::json report = {{"target", context.target.description},
                             {"source", source_description},
                             {"copy", {{"bytes", copied.bytes}, {"elapsed_ms", copied.elapsed_ms}}},
                             {"success", success},
                             {"pending", steps.size()},
                             {"migrations", migrations_json},
                             {"total_ms", total_ms},
                             {"rows_before", rows_before},
                             {"rows_after", rows_after},
                             {"drift", drift_json},
                             {"target_written", false}};
    for (const auto& step : steps) {
      if (step.failure) {
        auto error = failure_json(*step.failure);
        error["migration"] = step.migration->name();
        report["error"] = error;
      }
    }
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << "rehearsal: " << steps.size() << " pending migration" << (steps.size() == 1 ? "" : "s") << " of "
              << context.target.description << " on a throwaway copy\n";
    std::cout << "copy: " << source_description << ", " << megabytes(copied.bytes) << " in "
              << format_ms(copied.elapsed_ms) << "\n";
    if (!drift) {
      std::cout << "drift: cannot tell: " << scrub_secrets(drift_error) << "\n";
    } else if (drift->differences.empty()) {
      std::cout << "drift: none (the target is what its " << drift->applied << " applied migration"
                << (drift->applied == 1 ? "" : "s") << " build)\n";
    } else {
      std::cout << "drift: the target differs from what its " << drift->applied << " applied migration"
                << (drift->applied == 1 ? "" : "s") << " build (" << drift->differences.size() << "):\n";
      for (const auto& line : first_lines(drift->differences, 20)) std::cout << "  " << line << "\n";
    }
    for (const auto& step : steps) {
      std::cout << "\n" << step.migration->name() << ": " << step.status;
      if (step.status != "not_run") std::cout << " in " << format_ms(step.execution_ms);
      if (step.destructive()) {
        std::cout << "  DESTRUCTIVE" << (step.migration->up.pragmas.destructive ? " (marked strata:destructive)" : " (NOT marked)");
      }
      std::cout << "\n";
      if (step.status == "not_run") continue;
      const auto locks = lock_list(step.locks, true);
      std::cout << "  locks: " << (locks.empty() ? "none seen on tables" : locks) << "\n";
      for (const auto& table : step.dropped_tables) {
        std::cout << "  drops table " << table << " (" << step.rows_before.at(table) << " rows)\n";
      }
      for (const auto& line : step.vanished) {
        bool dropped = false;
        for (const auto& table : step.dropped_tables) dropped = dropped || line.rfind(table + ":", 0) == 0;
        if (!dropped) std::cout << "  rows vanish: " << line << "\n";
      }
      if (step.failure) {
        std::cout << "  error: " << scrub_secrets(step.failure->message) << "\n";
        if (!step.failure->file.empty()) {
          std::cout << "  at " << step.failure->file << ":" << step.failure->line << ":" << step.failure->column
                    << " (SQLSTATE " << step.failure->sqlstate << ")\n";
        }
        for (const auto& detail : step.failure->details) std::cout << "  " << scrub_secrets(detail) << "\n";
      }
    }
    std::cout << "\nrows (before -> after):\n";
    for (const auto& [table, rows] : rows_before) {
      const auto after = rows_after.find(table);
      std::cout << "  " << table << ": " << rows << " -> "
                << (after == rows_after.end() ? std::string("(dropped)") : std::to_string(after->second))
                << (after != rows_after.end() && after->second == rows ? "" : "  *") << "\n";
    }
    for (const auto& [table, rows] : rows_after) {
      if (!rows_before.count(table)) std::cout << "  " << table << ": (new) -> " << rows << "\n";
    }
    std::cout << "\nresult: " << (success ? "success" : "FAILED") << ": ";
    if (steps.empty()) {
      std::cout << "nothing pending";
    } else if (success) {
      std::cout << steps.size() << " migration" << (steps.size() == 1 ? "" : "s") << " applied to the copy in "
                << format_ms(total_ms);
    } else {
      for (const auto& step : steps) {
        if (step.failure) std::cout << step.migration->name() << " failed";
      }
    }
    std::cout << "; nothing was written to the target\n";
  }
  if (!success) throw ExitStatus(1);
}

}  // namespace

void register_rehearse_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<RehearseArguments>();
  auto* command = app.add_subcommand(
      "rehearse", "Apply the pending migrations to a throwaway copy of the target and report what they would do");
  add_target_options(command, arguments->target);
  add_timeout_options(command, arguments->timeouts);
  command->add_option("--snapshot-url", arguments->snapshot_url,
                      "Copy this database (postgresql:// URL) or pg_dump -Fc file instead of the target");
  command->add_option("--format", arguments->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->footer(
      "Copies the target (pg_dump -Fc | pg_restore; its password in PGPASSWORD, never on a command\n"
      "line) into a database of a throwaway PostgreSQL, applies the pending migrations there one by\n"
      "one, and reports each one's time, the locks it took (pg_locks, sampled), the tables it drops\n"
      "and rows that vanish, the row counts of every table before and after, and the drift between\n"
      "the target and what its applied migrations build. Nothing is written to the target.\n"
      "Exit 0: every pending migration applied to the copy; 1: one failed (or an error).\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_rehearse(*arguments, globals); };
  });
}

}  // namespace strata::cli
