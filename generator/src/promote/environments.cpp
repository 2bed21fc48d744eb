#include "strata/promote/environments.h"

#include "strata/connection.h"
#include "strata/migration_integrity.h"

namespace strata::promote {

std::string EnvironmentMatrix::cell(const EnvironmentColumn& column, const std::string& version) const {
  if (column.availability != "ok") return column.availability;
  const auto found = column.states.find(version);
  return found == column.states.end() ? "-" : runner::to_string(found->second);
}

EnvironmentMatrix environment_matrix(const project::Project& project, const std::filesystem::path& migrations_dir) {
  if (project.environments.empty()) {
    throw Error("status --all lists the environments of strata.json, and " + project.file.string() + " declares none");
  }
  EnvironmentMatrix matrix;
  const auto files = migrations::read_directory(migrations_dir);
  matrix.integrity_problems = migrations::verify_integrity(migrations_dir, files);
  for (const auto& file : files) matrix.names[file.version] = file.name();

  for (const auto& environment : project.environments) {
    EnvironmentColumn column;
    column.environment = environment;
    const auto url = project::environment_url_if_set(environment);
    if (environment.fleet) {
      column.availability = "fleet";
      column.error = "a fleet of databases: strata status --env " + environment.name;
    } else if (!url) {
      column.availability = "unset";
      column.error = environment.url_env + " is not set";
    } else {
      runtime::remember_secrets(*url);
      try {
        const auto report = runner::status(*url, files, matrix.integrity_problems);
        column.current = report.current();
        for (const auto& migration : report.migrations) {
          column.states[migration.version] = migration.state;
          matrix.names.emplace(migration.version, migration.name);
        }
      } catch (const std::exception& error) {
        column.availability = "unreachable";
        column.error = runtime::scrub_remembered_secrets(error.what());
      }
    }
    matrix.columns.push_back(std::move(column));
  }

  // Ready to promote: applied in one environment, pending in the next.
  for (std::size_t i = 0; i + 1 < matrix.columns.size(); ++i) {
    const auto& from = matrix.columns[i];
    const auto& to = matrix.columns[i + 1];
    PromotionStep step{from.environment.name, to.environment.name, from.availability == "ok" && to.availability == "ok", {}};
    if (step.known) {
      for (const auto& [version, name] : matrix.names) {
        const auto applied = from.states.find(version);
        const auto pending = to.states.find(version);
        if (applied != from.states.end() && applied->second == runner::State::Applied && pending != to.states.end() &&
            pending->second == runner::State::Pending) {
          step.ready.push_back(version);
        }
      }
    }
    matrix.steps.push_back(std::move(step));
  }
  matrix.all_current = matrix.integrity_problems.empty();
  for (const auto& column : matrix.columns) matrix.all_current = matrix.all_current && column.current.value_or(false);
  return matrix;
}

}  // namespace strata::promote
