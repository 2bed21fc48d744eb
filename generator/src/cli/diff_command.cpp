#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "schema_source.h"
#include "strata/diff.h"
#include "timing_report.h"

namespace strata::cli {
namespace {

struct DiffArguments {
  std::string from;
  std::string to;
  std::string format = "sql";
};

nlohmann::json plan_to_json(const diff::Plan& plan) {
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& change : plan.changes) {
    changes.push_back({{"object", change.key},
                       {"action", diff::to_string(change.action)},
                       {"summary", change.summary},
                       {"destructive", change.destructive},
                       {"statements", change.statements}});
  }
  return {{"changes", changes}, {"warnings", plan.warnings}, {"sql", diff::render_sql(plan)}};
}

void run_diff(const DiffArguments& arguments, const GlobalOptions& globals) {
  SchemaSources sources(!globals.no_cluster_cache);
  std::vector<std::string> warnings;
  const auto [from, to] = sources.load_both(arguments.from, arguments.to, warnings);

  const auto start = std::chrono::steady_clock::now();
  const auto plan = diff::diff(from, to);
  const auto sql = diff::render_sql(plan);
  const double diff_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  warnings.insert(warnings.end(), plan.warnings.begin(), plan.warnings.end());
  for (const auto& warning : warnings) std::cerr << "warning: " << warning << "\n";
  if (arguments.format == "json") {
    std::cout << plan_to_json(plan).dump(2) << "\n";
  } else {
    std::cout << sql;
  }
  if (globals.timings) print_timings(sources.timings(), diff_ms);
}

}  // namespace

void register_diff_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<DiffArguments>();
  auto* command = app.add_subcommand("diff", "Print the SQL that turns schema FROM into schema TO");
  command->footer(
      "SRC is `empty`, a .sql file, a directory of .sql files (applied in name order), or a\n"
      "postgresql:// URL of a live database. Prints nothing when there is no difference.");
  command->add_option("--from", arguments->from, "Schema the database has now")->required();
  command->add_option("--to", arguments->to, "Schema the database should have")->required();
  command->add_option("--format", arguments->format, "Output format")->check(CLI::IsMember({"sql", "json"}));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_diff(*arguments, globals); };
  });
}

}  // namespace strata::cli
