#include <iostream>

#include "commands.h"
#include "schema_source.h"
#include "strata/diff.h"
#include "strata/load.h"
#include "timing_report.h"

namespace strata::cli {
namespace {

struct InspectArguments {
  std::string url;
  std::string format = "sql";
};

void run_inspect(const InspectArguments& arguments, const GlobalOptions& globals) {
  if (!is_database_url(arguments.url)) throw std::runtime_error("--url must be a postgresql:// URL");
  SchemaSources sources(!globals.no_cluster_cache);
  std::vector<std::string> warnings;
  const auto live = sources.load(arguments.url, warnings);
  for (const auto& warning : warnings) std::cerr << "warning: " << warning << "\n";

  if (arguments.format == "json") {
    std::cout << live.to_json().dump(2) << "\n";
    return;
  }
  // The schema file is the change from a fresh database: loading it into one reproduces `live`.
  const auto start = std::chrono::steady_clock::now();
  const auto plan = diff::diff(load::empty_database_catalog(), live);
  for (const auto& warning : plan.warnings) std::cerr << "warning: " << warning << "\n";
  std::cout << diff::render_sql(plan);
  if (globals.timings) {
    print_timings(sources.timings(),
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
}

}  // namespace

void register_inspect_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<InspectArguments>();
  auto* command = app.add_subcommand("inspect", "Print a live database's schema as a schema file");
  command->add_option("--url", arguments->url, "postgresql:// URL of the database")->required();
  command->add_option("--format", arguments->format, "sql: a loadable schema file; json: the catalog model")
      ->check(CLI::IsMember({"sql", "json"}));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_inspect(*arguments, globals); };
  });
}

}  // namespace strata::cli
