#include "script.h"

#include <algorithm>

namespace strata::runner::script {
namespace {

using Kind = RoundTrip::Kind;

std::string milliseconds(std::chrono::milliseconds value) { return "'" + std::to_string(value.count()) + "ms'"; }

RoundTrip trip(Kind kind, std::vector<std::string> sql) { return RoundTrip{kind, std::move(sql), -1, {}}; }

std::string xact_lock(const history::Location& location) {
  return "SELECT pg_advisory_xact_lock(" + std::to_string(location.transaction_lock_key()) + ")";
}

// One round trip: RESET ALL, BEGIN, the settings, the transaction lock that serialises
// migration transactions even where the session lock cannot (PgBouncer transaction pooling),
// and the re-check that this step is still to be done, which only means something under that
// lock.
//
// RESET ALL: every migration starts with the session's initial settings, as if run by its own
// psql (the way `strata generate` replays and proves them), whatever SET an earlier file did.
// READ COMMITTED whatever the database's default: the re-check must see a row committed by
// whoever held the transaction lock before us, which a snapshot taken while waiting would not.
RoundTrip prelude(const Settings& settings, const std::string& check, const std::string& proceed_if) {
  std::vector<std::string> sql = {"RESET ALL", "BEGIN ISOLATION LEVEL READ COMMITTED"};
  for (auto& set : set_settings(settings, true)) sql.push_back(std::move(set));
  sql.push_back(xact_lock(settings.history));
  if (!check.empty()) sql.push_back(check);
  RoundTrip round_trip = trip(Kind::Prelude, std::move(sql));
  round_trip.proceed_if = proceed_if;
  return round_trip;
}

void add_statements(Script& script, const plan::Step& step, int from, const std::string& version, bool progress,
                    const history::Location& location) {
  const int count = static_cast<int>(step.statements.size());
  for (int i = from; i < count; ++i) {
    if (static_cast<std::size_t>(i) < step.skipped.size() && step.skipped[static_cast<std::size_t>(i)]) continue;
    RoundTrip statement = trip(Kind::FileStatement, {step.statements[static_cast<std::size_t>(i)].sql});
    statement.statement = i;
    script.push_back(std::move(statement));
    // After the last statement the completion update records it.
    if (progress && i + 1 < count) script.push_back(trip(Kind::Progress, {history::update_progress(location, version, i + 1)}));
  }
}

// The settings first (synchronous_commit covers the claim and every progress update), the
// RESET last: a step that finds its claim taken still runs that last round trip.
Script statement_by_statement(const plan::Step& step, const Settings& settings, const std::string& version,
                              std::vector<std::string> claim, bool progress, std::string finish) {
  Script script;
  std::vector<std::string> set = {"RESET ALL"};
  for (auto& statement : set_settings(settings, false)) set.push_back(std::move(statement));
  script.push_back(trip(Kind::Session, std::move(set)));
  if (!claim.empty()) script.push_back(trip(Kind::Claim, std::move(claim)));
  const int from = std::min(step.statements_done, static_cast<int>(step.statements.size()));
  add_statements(script, step, from, version, progress, settings.history);
  if (!finish.empty()) script.push_back(trip(Kind::Finish, {std::move(finish)}));
  script.push_back(trip(Kind::Session, reset_settings()));
  return script;
}

}  // namespace

std::string RoundTrip::text() const {
  if (sql.size() == 1) return sql.front();  // a file statement exactly as written: error positions stay right
  std::string joined;
  for (const auto& statement : sql) joined += (joined.empty() ? "" : ";\n") + statement;
  return joined;
}

std::vector<std::string> set_settings(const Settings& settings, bool local) {
  const std::string set = local ? "SET LOCAL " : "SET ";
  std::vector<std::string> sql = {set + "lock_timeout = " + milliseconds(settings.timeouts.lock_timeout),
                                  set + "statement_timeout = " + milliseconds(settings.timeouts.statement_timeout),
                                  set + "synchronous_commit = on"};
  if (settings.search_path) sql.push_back(set + "search_path = " + *settings.search_path);
  return sql;
}

std::vector<std::string> reset_settings() {
  // Also whatever the migration's own statements SET: the next migration starts clean.
  return {"RESET ALL"};
}

std::optional<std::string> search_path_for(const std::string& current_user, const std::string& search_path) {
  if (current_user != kHistorySchema) return std::nullopt;
  // Elements are identifiers separated by commas, possibly double-quoted (with "" inside).
  std::vector<std::string> elements;
  std::string element;
  bool quoted = false;
  for (char c : search_path) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) {
      elements.push_back(element);
      element.clear();
    } else {
      element += c;
    }
  }
  elements.push_back(element);
  std::string kept;
  bool dropped = false;
  for (auto& e : elements) {
    const auto first = e.find_first_not_of(' ');
    const auto last = e.find_last_not_of(' ');
    const std::string trimmed = first == std::string::npos ? "" : e.substr(first, last - first + 1);
    if (trimmed == "\"$user\"" || trimmed == "$user") {
      dropped = true;
      continue;
    }
    if (trimmed.empty()) continue;
    kept += (kept.empty() ? "" : ", ") + trimmed;
  }
  if (!dropped) return std::nullopt;
  return kept.empty() ? "''" : kept;
}

Settings settings_for(const RunOptions& options, const history::Snapshot& snapshot) {
  Settings settings{options.timeouts, script::search_path_for(snapshot.current_user, snapshot.search_path),
                    history::Location{options.schema}};
  if (!options.schema.empty()) settings.search_path = pg::identifier(options.schema) + ", public";
  return settings;
}

Script apply(const plan::Step& step, const history::Row& row, const Settings& settings) {
  if (step.file->pragmas.no_transaction || step.resuming) {
    std::vector<std::string> claim;
    if (!step.resuming) claim.push_back(history::insert_started(settings.history, row));
    return statement_by_statement(step, settings, row.version, std::move(claim), true,
                                  history::update_completed(settings.history, row.version));
  }
  Script script;
  script.push_back(prelude(settings, history::applied_check(settings.history, row.version), "f"));
  add_statements(script, step, 0, row.version, false, settings.history);
  script.push_back(trip(Kind::Finish, {history::insert_applied(settings.history, row), "COMMIT"}));
  return script;
}

Script revert(const plan::Step& step, const Settings& settings) {
  const std::string& version = step.migration->version;
  if (step.file->pragmas.no_transaction) {
    return statement_by_statement(step, settings, version, {}, false, history::remove(settings.history, version));
  }
  Script script;
  script.push_back(prelude(settings, history::completed_check(settings.history, version), "t"));
  add_statements(script, step, 0, version, false, settings.history);
  script.push_back(trip(Kind::Finish, {history::remove(settings.history, version), "COMMIT"}));
  return script;
}

Script unrecorded(const plan::Step& step, const Settings& settings) {
  if (step.file->pragmas.no_transaction) return statement_by_statement(step, settings, "", {}, false, "");
  Script script;
  script.push_back(prelude(settings, "", ""));
  add_statements(script, step, 0, "", false, settings.history);
  script.push_back(trip(Kind::Finish, {"COMMIT"}));
  return script;
}

RoundTrip create_history(const history::Location& location) {
  std::vector<std::string> sql = {"BEGIN", xact_lock(location)};
  for (auto& statement : history::create_statements(location)) sql.push_back(std::move(statement));
  sql.push_back("COMMIT");
  return trip(Kind::History, std::move(sql));
}

bool transactional(const Script& script) { return !script.empty() && script.front().kind == Kind::Prelude; }

std::string render(const std::string& header, const Script& script) {
  std::string text = "-- " + header + "\n";
  for (const auto& round_trip : script) {
    for (const auto& statement : round_trip.sql) text += statement + ";\n";
  }
  return text;
}

}  // namespace strata::runner::script
