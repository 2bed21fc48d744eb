#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/connection.h"
#include "strata/stopwatch.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct InspectArguments {
  std::string url;
  std::string format = "sql";
};

void run_inspect(const InspectArguments& arguments, const GlobalOptions& globals) {
  if (!source::is_database_url(arguments.url)) throw UsageError("--url must be a postgresql:// URL");
  runtime::remember_secrets(arguments.url);
  source::Loader loader(cluster_choice(globals));
  const auto live = loader.load(source::Source::database(arguments.url));
  print_warnings(live.warnings);
  if (arguments.format == "json") {
    std::cout << live.catalog.to_json().dump(2) << "\n";
    return;
  }
  // The schema file is the change from a fresh database: loading it into one reproduces `live`.
  const auto start = std::chrono::steady_clock::now();
  const auto plan = diff::diff(load::empty_database_catalog(), live.catalog);
  print_notes(diff::notes(plan));
  std::cout << diff::render_sql(plan);
  if (globals.timings) {
    auto timings = source_timings(loader.timings());
    timings["diff_ms"] = ms_since(start);
    print_timings(timings);
  }
}

}  // namespace

void register_inspect_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<InspectArguments>();
  auto* command = app.add_subcommand("inspect", "Print a live database's schema as a schema file");
  command->add_option("--url", arguments->url, "postgresql:// URL of the database")->required();
  command->add_option("--format", arguments->format, "sql: a loadable schema file; json: the catalog model")
      ->check(CLI::IsMember({"sql", "json"}));
  command->footer("strata's own history schema (`strata`) is left out.");
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_inspect(*arguments, globals); };
  });
}

}  // namespace strata::cli
