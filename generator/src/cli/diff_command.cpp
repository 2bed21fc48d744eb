#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/connection.h"
#include "strata/stopwatch.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct DiffArguments {
  std::string from;
  std::string to;
  std::string format = "sql";
  bool prove = false;
  int proof_rows = 20;
};

nlohmann::json plan_to_json(const diff::Plan& plan) {
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& change : plan.changes) {
    changes.push_back({{"object", change.key},
                       {"action", diff::to_string(change.action)},
                       {"summary", change.summary},
                       {"destructive", change.destructive},
                       {"approved", change.approved},
                       {"statements", change.statements}});
  }
  return {{"changes", changes}, {"warnings", plan.warnings}, {"hints", plan.hints}, {"sql", diff::render_sql(plan)}};
}

void run_diff(const DiffArguments& arguments, const GlobalOptions& globals) {
  for (const auto* text : {&arguments.from, &arguments.to}) {
    if (source::is_database_url(*text)) runtime::remember_secrets(*text);
  }
  source::Loader loader(cluster_choice(globals));
  loader.set_scope(promote::scope_of(promote::find_project("")));
  const auto [from, to] = loader.load_both(source::Source::parse(arguments.from), source::Source::parse(arguments.to));
  const auto start = std::chrono::steady_clock::now();
  const auto plan = diff::diff(from.catalog, to.catalog, source::diff_options(to));
  const auto sql = diff::render_sql(plan);
  const double diff_ms = ms_since(start);

  print_warnings(from.warnings);
  print_warnings(to.warnings);
  print_notes(diff::notes(plan));
  if (arguments.prove) {
    const auto proof = source::prove_plan(loader.cluster(), from.catalog, to.catalog, plan, source::diff_options(to),
                                          loader.scope(), {arguments.proof_rows, 1});
    print_warnings(proof.warnings);
    if (!proof.failures.empty()) {
      throw Error("proof failed: the plan does not take FROM to TO keeping its rows",
                  ErrorInfo{.details = proof.failures,
                            .hint = "nothing was printed: change the target schema, or write the data change by hand (`strata new`)"});
    }
    std::cerr << proof.filled.summary() << "\n";
  }
  if (arguments.format == "json") {
    std::cout << plan_to_json(plan).dump(2) << "\n";
  } else {
    std::cout << sql;
  }
  if (globals.timings) {
    auto timings = source_timings(loader.timings());
    timings["diff_ms"] = diff_ms;
    print_timings(timings);
  }
}

}  // namespace

void register_diff_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<DiffArguments>();
  auto* command = app.add_subcommand("diff", "Print the SQL that turns schema FROM into schema TO");
  command->footer(
      "SRC is `empty`, a .sql file, a directory of .sql files (applied in name order), a\n"
      "postgresql:// URL of a live database, or migrations:DIR (what a migrations directory builds).\n"
      "The pragmas of TO's files are honoured (renamed-from, allow-destructive). Prints nothing when\n"
      "there is no difference; warnings, destructive steps and hints go to stderr.");
  command->add_option("--from", arguments->from, "Schema the database has now")->required();
  command->add_option("--to", arguments->to, "Schema the database should have")->required();
  command->add_option("--format", arguments->format, "Output format")->check(CLI::IsMember({"sql", "json"}));
  command->add_flag("--prove", arguments->prove,
                    "Prove the plan before printing it: applied to a copy of FROM holding synthetic rows, it must "
                    "reach TO and keep the rows (docs/migrations.md, \"Proof on data\")");
  command->add_option("--proof-rows", arguments->proof_rows, "Synthetic rows per table for --prove (default 20)")
      ->check(CLI::NonNegativeNumber);
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_diff(*arguments, globals); };
  });
}

}  // namespace strata::cli
