#include "report.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "strata/connection.h"

namespace strata::cli {

namespace {

std::string scrub(const std::string& text) { return runtime::scrub_remembered_secrets(text); }

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

}  // namespace

void print_error(const std::exception& error) { std::cerr << scrub("error: " + describe(error)) << "\n"; }

nlohmann::json error_json(const std::exception& error) {
  const auto* ours = dynamic_cast<const Error*>(&error);
  nlohmann::json json = {{"message", scrub(ours ? ours->message() : error.what())}};
  std::vector<std::string> details;
  if (ours) {
    for (const auto& detail : ours->details()) details.push_back(scrub(detail));
    if (ours->has_location()) {
      json["file"] = ours->location().file.string();
      json["line"] = ours->location().line;
      json["column"] = ours->location().column;
    }
    if (!ours->sqlstate().empty()) json["sqlstate"] = ours->sqlstate();
    if (!ours->statement().empty()) json["statement"] = scrub(ours->statement());
    if (!ours->hint().empty()) json["hint"] = scrub(ours->hint());
  }
  json["details"] = details;
  return json;
}

void print_notes(const std::vector<std::string>& lines) {
  for (const auto& line : lines) std::cerr << scrub(line) << "\n";
}

void print_warnings(const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings) std::cerr << scrub("warning: " + warning) << "\n";
}

namespace {
bool timings_printed = false;
}  // namespace

void print_timings(const nlohmann::json& timings) {
  std::cerr << "timings: " << timings.dump() << "\n";
  timings_printed = true;
}

bool printed_timings() { return timings_printed; }

nlohmann::json source_timings(const source::Timings& timings) {
  return {{"cluster_ms", timings.cluster_ms},
          {"cluster_warm", timings.cluster_warm},
          {"create_database_ms", timings.load.create_database_ms},
          {"load_ms", timings.load.execute_ms},
          {"introspect_ms", timings.load.introspect_ms + timings.live_introspect_ms},
          {"replay_ms", timings.replay_ms},
          {"sources_wall_ms", timings.sources_wall_ms},
          {"cache_hits", timings.cache_hits},
          {"cache_ms", timings.cache_ms}};
}

nlohmann::json event_to_json(const runner::Event& event) {
  nlohmann::json json = {{"event", event_name(event.kind)}};
  if (!event.migration.empty()) json["migration"] = event.migration;
  if (event.kind == runner::Event::Kind::MigrationDone) json["elapsed_ms"] = event.elapsed_ms;
  if (event.kind == runner::Event::Kind::LockRetry) json["attempt"] = event.attempt;
  if (event.statement > 0) json["statement"] = event.statement;
  if (event.statements > 0) json["statements"] = event.statements;
  if (!event.message.empty()) json["message"] = scrub(event.message);
  return json;
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
  const std::string message = scrub(event.message);
  switch (event.kind) {
    case Kind::WaitingForLock:
      std::cerr << "waiting for another runner" << (message.empty() ? "" : ": " + message) << "\n";
      break;
    case Kind::LockAcquired:  // said only when it is unusual (no session lock behind a pooler)
      if (!message.empty()) std::cerr << "note: " << message << "\n";
      break;
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

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << "\n";
  }
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) != 0; }

StageProgress::StageProgress(std::string command)
    : command_(std::move(command)), terminal_(::isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}

StageProgress::~StageProgress() {
  if (terminal_) std::cerr << "\r\033[K" << std::flush;
}

void StageProgress::operator()(const std::string& stage) {
  if (!terminal_) return;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1f s", seconds);
  std::cerr << "\r\033[K" << command_ << ": " << stage << " ... (" << elapsed << ")" << std::flush;
}

std::string format_ms(double ms) {
  if (ms >= 10'000) return std::to_string(static_cast<long long>(std::llround(ms / 1000))) + " s";
  return std::to_string(static_cast<long long>(std::llround(ms))) + " ms";
}

std::string plural(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace strata::cli
