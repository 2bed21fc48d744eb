#include "strata/promote/protection.h"

#include "strata/promote/fleet.h"

#include <map>

#include "strata/backup.h"
#include "strata/connection.h"

namespace strata::promote {

void confirm_if_protected(const Target& target, bool yes, const std::string& what, const Ask& ask) {
  if (!target.environment || !target.environment->is_protected || yes) return;
  const std::string& name = target.environment->name;
  const auto answer = ask ? ask(name + " is a protected environment. About to " + what +
                                ".\nType the environment's name to continue: ")
                          : std::nullopt;
  if (!answer) {
    throw Error(name + " is a protected environment: pass --yes to " + what + " (or run on a terminal to confirm)");
  }
  if (*answer != name) throw Error("not confirmed: nothing was done");
}

void check_promotion_order(const Context& context, const std::vector<const migrations::Migration*>& pending) {
  const auto& environment = context.target.environment;
  if (!environment || !environment->is_protected || pending.empty() || !context.project) return;
  const auto* previous = context.project->previous(*environment);
  if (!previous) return;
  // The previous environment's databases: one, or every target of a fleet (a staging fleet
  // before the production fleet: every staging target must have applied them).
  std::vector<FleetTarget> databases;
  if (previous->fleet) {
    databases = fleet_targets(*previous);
  } else {
    const auto url = project::environment_url_if_set(*previous);
    if (!url) {
      throw runner::RunnerError(environment->name + " is protected: its pending migrations must have been applied to " +
                                previous->name + " first, which cannot be checked because " + previous->url_env +
                                " is not set");
    }
    runtime::remember_secrets(*url);
    databases.push_back(FleetTarget{previous->name, *url, {}});
  }
  std::vector<std::string> problems;
  for (const auto& database : databases) {
    const std::string where = previous->fleet ? previous->name + " target " + database.name : previous->name;
    std::map<std::string, runner::HistoryEntry> applied;
    for (auto& entry : runner::read_history(database.connection, database.schema)) applied.emplace(entry.version, std::move(entry));
    for (const auto* migration : pending) {
      const auto found = applied.find(migration->version);
      if (found == applied.end()) {
        problems.push_back(migration->name() + ": not applied to " + where);
      } else if (found->second.statements_done) {
        problems.push_back(migration->name() + ": only partly applied to " + where);
      } else if (!found->second.checksum.empty() && found->second.checksum != runner::checksum(*migration)) {
        problems.push_back(migration->name() + ": " + where + " applied a different version of this file (checksums differ)");
      }
    }
  }
  if (!problems.empty()) {
    throw runner::RunnerError("refusing to apply to " + environment->name + " migrations that " + previous->name +
                                  " (the environment before it) has not applied; apply them there first",
                              problems);
  }
}

std::optional<std::filesystem::path> backup_if_configured(const Context& context, bool no_backup) {
  const auto& environment = context.target.environment;
  if (!environment || !environment->backs_up() || no_backup || !context.project) return std::nullopt;
  return backup::dump(context.target.connection, context.project->backup_dir, environment->name);
}

}  // namespace strata::promote
