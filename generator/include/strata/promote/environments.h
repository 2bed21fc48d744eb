// Every environment of strata.json side by side (`strata status --all`): which migration each
// has applied, and what is ready to be promoted from one environment to the next.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "strata/project.h"
#include "strata/runner.h"

namespace strata::promote {

struct EnvironmentColumn {
  project::Environment environment;
  std::string availability = "ok";  // ok, unset (its URL variable), unreachable
  std::string error;                // why not ok (no password in it)
  std::optional<bool> current;      // runner::StatusReport::current() when reachable
  std::map<std::string, runner::State> states;  // by version
};

// A step of the promotion order, "test -> prod": the migrations applied in `from` and pending in
// `to`. `known` is false when either environment could not be read.
struct PromotionStep {
  std::string from;
  std::string to;
  bool known = true;
  std::vector<std::string> ready;  // versions
};

struct EnvironmentMatrix {
  std::vector<EnvironmentColumn> columns;  // promotion order
  std::map<std::string, std::string> names;  // every migration a file or an environment knows: version -> name
  std::vector<std::string> integrity_problems;
  std::vector<PromotionStep> steps;
  bool all_current = false;  // every environment reachable and current, strata.sum fine

  // "applied", "pending", ... "-" (not known there), or the column's availability.
  std::string cell(const EnvironmentColumn& column, const std::string& version) const;
};

// Reads every environment's history (those whose variable is unset or that cannot be reached are
// shown as such, not errors). Throws strata::Error when the project declares no environment.
EnvironmentMatrix environment_matrix(const project::Project& project, const std::filesystem::path& migrations_dir);

}  // namespace strata::promote
