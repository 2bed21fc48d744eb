// `strata review`: what a change to the migrations (a pull request) will do, for people reviewing
// it: the migrations it adds (or edits, or removes) against a base copy of the directory, their
// SQL and how each runs, lint's findings on them, the steps that destroy data, and the rehearsal's
// summary when one ran. ci.yml posts it as one sticky pull request comment (--format markdown).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "strata/lint.h"

namespace strata::review {

struct Options {
  std::filesystem::path migrations;         // the change's directory
  std::optional<std::filesystem::path> base;  // the base branch's copy; none: every migration is new
  std::optional<std::filesystem::path> rehearsal;  // `strata rehearse --format json` output
  lint::Options lint;                       // rules enabled or disabled (`only` is set here)
};

struct MigrationChange {
  enum class Kind { added, edited, removed };
  Kind kind = Kind::added;
  std::string name;            // 20260101000000_add_users
  std::filesystem::path file;  // the up file (the base's, when removed)
  std::string sql;             // the up file's text (empty when removed)
  int statements = 0;
  bool no_transaction = false;  // `-- strata:no-transaction`
  bool destructive = false;     // `-- strata:destructive`
  bool has_down = false;
};

struct Review {
  std::vector<MigrationChange> changes;  // in version order
  lint::Report lint;                     // of the added and edited files
  std::optional<nlohmann::json> rehearsal;
  // Lint findings of rules that lose data (lint::Rule::data_loss), approved or not.
  std::vector<const lint::Finding*> destructive_steps() const;
  // Fails review: lint fails, or a migration was edited or removed (the runner refuses a
  // database that applied it).
  bool failed() const;
};

// Throws strata::Error for a directory that does not exist or a rehearsal file that is not JSON.
Review review(const Options& options);

std::string format_text(const Review& review);
std::string format_markdown(const Review& review);  // starts with kMarker (the sticky comment's)
nlohmann::json to_json(const Review& review);
constexpr const char* kMarker = "<!-- strata-review -->";

}  // namespace strata::review
