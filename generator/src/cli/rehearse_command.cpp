// strata rehearse: copy the target into a throwaway database, apply the pending migrations
// there, and report what happened (docs/promotion.md). Nothing is written to the target.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "report.h"
#include "strata/connection.h"
#include "strata/promote/rehearse.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct RehearseArguments {
  promote::TargetOptions target;
  TimeoutArguments timeouts;
  std::string snapshot_url;
  long sample_rows = 1000;
  std::string format = "text";
};

// How a broken invariant weighs in a rehearsal: it fails it, it is a change a data migration may
// mean, or a warning.
std::string severity(const prove::Violation& violation) {
  return violation.warning ? "warning" : violation.changes_data ? "change" : "error";
}

std::string megabytes(long long bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

std::string lock_list(const std::vector<promote::LockSeen>& locks, bool tables_only) {
  std::string text;
  for (const auto& lock : locks) {
    if (tables_only && lock.relkind != 'r' && lock.relkind != 'p' && lock.relkind != 'm' && lock.relkind != 'f') continue;
    std::string modes;
    for (const auto& mode : lock.modes) modes += (modes.empty() ? "" : "+") + mode;
    text += (text.empty() ? "" : ", ") + lock.relation + " " + modes;
  }
  return text;
}

nlohmann::json step_json(const promote::RehearsalStep& step) {
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
  if (step.failure) entry["error"] = error_json(*step.failure);
  nlohmann::json violations = nlohmann::json::array();
  for (const auto& violation : step.invariants) {
    violations.push_back({{"table", violation.table},
                          {"column", violation.column},
                          {"invariant", violation.invariant},
                          {"example", violation.example},
                          {"hint", violation.hint},
                          {"severity", severity(violation)}});
  }
  entry["proof"] = {{"checked", step.checked},
                    {"breaks_invariants", step.breaks_invariants()},
                    {"elapsed_ms", step.proof_ms},
                    {"violations", violations},
                    {"notes", step.proof_notes}};
  return entry;
}

void print_json(const promote::Rehearsal& rehearsal, const promote::Context& context) {
  nlohmann::json migrations = nlohmann::json::array();
  for (const auto& step : rehearsal.steps) migrations.push_back(step_json(step));
  nlohmann::json drift = {{"checked", false}, {"error", runtime::scrub_remembered_secrets(rehearsal.drift_error)}};
  if (rehearsal.drift) {
    drift = {{"checked", true},
             {"drift", !rehearsal.drift->differences.empty()},
             {"applied", rehearsal.drift->applied},
             {"differences", rehearsal.drift->differences},
             {"sql", rehearsal.drift->sql},
             {"warnings", rehearsal.drift->warnings}};
  }
  nlohmann::json report = {{"target", context.target.description},
                           {"source", rehearsal.source},
                           {"copy", {{"bytes", rehearsal.copy.bytes}, {"elapsed_ms", rehearsal.copy.elapsed_ms}}},
                           {"success", rehearsal.success},
                           {"pending", rehearsal.steps.size()},
                           {"migrations", migrations},
                           {"total_ms", rehearsal.total_ms},
                           {"rows_before", rehearsal.rows_before},
                           {"rows_after", rehearsal.rows_after},
                           {"drift", drift},
                           {"target_written", false}};
  for (const auto& step : rehearsal.steps) {
    if (!step.failure) continue;
    auto error = error_json(*step.failure);
    error["migration"] = step.migration->name();
    report["error"] = error;
  }
  std::cout << report.dump(2) << "\n";
}

void print_step(const promote::RehearsalStep& step) {
  std::cout << "\n" << step.migration->name() << ": " << step.status;
  if (step.status != "not_run") std::cout << " in " << format_ms(step.execution_ms);
  if (step.destructive()) {
    std::cout << "  DESTRUCTIVE" << (step.migration->up.pragmas.destructive ? " (marked strata:destructive)" : " (NOT marked)");
  }
  std::cout << "\n";
  if (step.status == "not_run") return;
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
  if (step.checked) {
    std::cout << "  rows: " << (step.breaks_invariants() ? "invariants BROKEN" : "invariants hold") << " (checked in "
              << format_ms(step.proof_ms) << ")\n";
  }
  for (const auto& violation : step.invariants) {
    const auto weight = severity(violation);
    std::cout << "  " << (weight == "error" ? "breaks: " : weight == "change" ? "changes: " : "") << violation.line() << "\n";
  }
  for (const auto& note : step.proof_notes) std::cout << "  not compared: " << note << "\n";
  if (step.failure) {
    std::string text = describe(*step.failure);
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 3)) text.replace(at, 1, "\n  ");
    std::cout << "  failure: " << runtime::scrub_remembered_secrets(text) << "\n";
  }
}

void print_text(const promote::Rehearsal& rehearsal, const promote::Context& context) {
  const auto& steps = rehearsal.steps;
  std::cout << "rehearsal: " << plural(steps.size(), "pending migration") << " of " << context.target.description
            << " on a throwaway copy\n";
  std::cout << "copy: " << rehearsal.source << ", " << megabytes(rehearsal.copy.bytes) << " in "
            << format_ms(rehearsal.copy.elapsed_ms) << "\n";
  const auto& drift = rehearsal.drift;
  if (!drift) {
    std::cout << "drift: cannot tell: " << runtime::scrub_remembered_secrets(rehearsal.drift_error) << "\n";
  } else if (drift->differences.empty()) {
    std::cout << "drift: none (the target is what its " << plural(drift->applied, "applied migration") << " build)\n";
  } else {
    std::cout << "drift: the target differs from what its " << plural(drift->applied, "applied migration") << " build ("
              << drift->differences.size() << "):\n";
    for (const auto& line : promote::first_lines(drift->differences, 20)) std::cout << "  " << line << "\n";
  }
  for (const auto& step : steps) print_step(step);
  std::cout << "\nrows (before -> after):\n";
  for (const auto& [table, rows] : rehearsal.rows_before) {
    const auto after = rehearsal.rows_after.find(table);
    std::cout << "  " << table << ": " << rows << " -> "
              << (after == rehearsal.rows_after.end() ? std::string("(dropped)") : std::to_string(after->second))
              << (after != rehearsal.rows_after.end() && after->second == rows ? "" : "  *") << "\n";
  }
  for (const auto& [table, rows] : rehearsal.rows_after) {
    if (!rehearsal.rows_before.count(table)) std::cout << "  " << table << ": (new) -> " << rows << "\n";
  }
  std::cout << "\nresult: " << (rehearsal.success ? "success" : "FAILED") << ": ";
  if (steps.empty()) {
    std::cout << "nothing pending";
  } else if (rehearsal.success) {
    std::cout << plural(steps.size(), "migration") << " applied to the copy in " << format_ms(rehearsal.total_ms);
  } else {
    for (const auto& step : steps) {
      if (step.failure) std::cout << step.migration->name() << " failed";
      else if (step.breaks_invariants()) std::cout << step.migration->name() << " breaks the invariants of its rows";
    }
  }
  std::cout << "; nothing was written to the target\n";
}

void run_rehearse(const RehearseArguments& arguments, const GlobalOptions& globals) {
  const auto context = promote::open_context(arguments.target);
  promote::RehearseOptions options;
  options.snapshot = arguments.snapshot_url;
  options.run = run_options(context, arguments.timeouts);
  options.sample_rows = arguments.sample_rows;
  std::optional<promote::Rehearsal> result;
  {
    StageProgress progress("strata rehearse");  // erased before the report is printed
    if (progress.shown()) {
      options.copy_progress = [&progress](long long bytes) { progress("copying the target: " + megabytes(bytes)); };
      options.run.on_event = [&progress](const runner::Event& event) {
        if (event.kind == runner::Event::Kind::MigrationStarted) progress("applying " + event.migration);
      };
    }
    source::Loader loader(cluster_choice(globals));
    loader.set_scope(promote::scope_of(context.project));
    result = promote::rehearse(context, loader, options);
  }
  const auto& rehearsal = *result;
  if (arguments.format == "json") {
    print_json(rehearsal, context);
  } else {
    print_text(rehearsal, context);
  }
  if (!rehearsal.success) throw ExitStatus(kExitFailure);
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
  command->add_option("--sample-rows", arguments->sample_rows,
                      "Rows per table (the first by primary key) whose values are compared across each migration "
                      "(default 1000; 0: no checks of the rows)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--format", arguments->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->footer(
      "Copies the target (pg_dump -Fc | pg_restore; its password in PGPASSWORD, never on a command\n"
      "line) into a database of a throwaway PostgreSQL, applies the pending migrations there one by\n"
      "one, and reports each one's time, the locks it took (pg_locks, sampled), the tables it drops\n"
      "and rows that vanish, the row counts of every table before and after, and the drift between\n"
      "the target and what its applied migrations build. Around each migration it checks the proof\n"
      "on data's invariants on the copy's rows: indexes agree with their rows (amcheck), CHECKs,\n"
      "foreign keys and generated columns hold, a new row still inserts; rows gone and values\n"
      "changed in a sample of each table are reported as changes. Nothing is written to the target.\n"
      "Exit 0: every pending migration applied to the copy keeping the invariants; 1: one failed or\n"
      "broke an invariant (or an error).\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_rehearse(*arguments, globals); };
  });
}

}  // namespace strata::cli
