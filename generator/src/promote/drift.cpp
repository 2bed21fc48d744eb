#include <algorithm>
#include "strata/promote/drift.h"

#include "strata/diff.h"

namespace strata::promote {

std::vector<std::string> first_lines(std::vector<std::string> lines, std::size_t limit) {
  if (lines.size() <= limit) return lines;
  const auto more = lines.size() - limit;
  lines.resize(limit);
  lines.push_back("... and " + std::to_string(more) + " more");
  return lines;
}

Drift compute_drift(const Context& context, const runner::StatusReport& status, const std::string& live,
                    source::Loader& loader) {
  // The migrations the database says it has, as their files are now.
  std::vector<migrations::Migration> applied;
  std::vector<std::string> cannot;
  Drift drift;
  for (const auto& migration : status.migrations) {
    const auto* file = context.find(migration.version);
    const auto& name = migration.name;
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
        if (file) applied.push_back(*file);
        break;
    }
  }
  if (!cannot.empty()) {
    throw runner::RunnerError("cannot tell what " + context.target.description + " should look like", cannot);
  }
  drift.applied = applied.size();
  const auto [expected, actual] = loader.load_both(source::Source::migrations(std::move(applied), "applied migrations"),
                                                   source::Source::database(live));
  drift.differences = model::differences(expected.catalog, actual.catalog);
  if (!drift.differences.empty()) {
    const auto plan = diff::diff(actual.catalog, expected.catalog);
    drift.sql = diff::render_sql(plan);
    drift.plan_warnings = plan.warnings;
  }
  return drift;
}

std::vector<std::string> baseline_differences(const Context& context, const std::string& version, source::Loader& loader,
                                              const std::vector<std::string>& ignored) {
  std::vector<migrations::Migration> covered;
  for (const auto& migration : context.migrations) {
    if (migration.version <= version) covered.push_back(migration);
  }
  const auto [expected, actual] =
      loader.load_both(source::Source::migrations(std::move(covered), "migrations up to " + version),
                       source::Source::database(context.target.connection));
  auto differences = model::differences(expected.catalog, actual.catalog);
  const auto is_ignored = [&](const std::string& line) {
    constexpr std::string_view kExtra = "unexpected: ";
    if (line.rfind(kExtra, 0) != 0) return false;
    const auto colon = line.find(':', kExtra.size());
    const std::string name = colon == std::string::npos ? "" : line.substr(colon + 1);
    return std::any_of(ignored.begin(), ignored.end(), [&](const std::string& prefix) {
      return name == prefix || name.rfind(prefix + "_", 0) == 0 || name.rfind(prefix + ".", 0) == 0;
    });
  };
  differences.erase(std::remove_if(differences.begin(), differences.end(), is_ignored), differences.end());
  return differences;
}

}  // namespace strata::promote
