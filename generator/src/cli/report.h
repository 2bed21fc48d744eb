// Everything the command line prints that is not a command's own result: errors (one function,
// secrets scrubbed), a plan's notes, runner progress, timings, tables.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "strata/runner.h"
#include "strata/source.h"

namespace strata::cli {

// "error: " and strata::describe(error) on stderr, every remembered password masked. The only
// place that prints an error.
void print_error(const std::exception& error);
// The same error as a JSON object (--format json streams end with it): message, details, and
// file/line/column, sqlstate, statement, hint when set.
nlohmann::json error_json(const std::exception& error);

// Lines on stderr ("warning: ...", "destructive: ...", "hint: ..."), scrubbed.
void print_notes(const std::vector<std::string>& lines);
void print_warnings(const std::vector<std::string>& warnings);  // each as "warning: ..."

// One line on stderr, machine-readable: where the time went (--timings).
void print_timings(const nlohmann::json& timings);
// Whether a command printed its own timings (main prints the total for the others).
bool printed_timings();
nlohmann::json source_timings(const source::Timings& timings);

// Progress events of the runner: snake_case names, JSON lines, text lines.
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

// Progress of long work on stderr, shown only when stderr is a terminal: one line, rewritten in
// place at each stage ("strata generate: proving the migration ... (4.2 s)"), erased when this
// goes away, so that what the command prints afterwards is all that stays.
class StageProgress {
 public:
  explicit StageProgress(std::string command);
  ~StageProgress();
  StageProgress(const StageProgress&) = delete;
  StageProgress& operator=(const StageProgress&) = delete;
  void operator()(const std::string& stage);
  bool shown() const { return terminal_; }

 private:
  std::string command_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
};

// Columns padded to their widest cell.
void print_table(const std::vector<std::vector<std::string>>& rows);

bool stdout_is_terminal();
std::string format_ms(double ms);
std::string plural(std::size_t count, const std::string& noun);  // "1 migration", "2 migrations"

}  // namespace strata::cli
