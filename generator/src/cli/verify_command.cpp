#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/promote/drift.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct VerifyArguments {
  promote::TargetOptions target;
  std::string format = "text";
};

void run_verify(const VerifyArguments& arguments, const GlobalOptions& globals) {
  const auto context = promote::open_context(arguments.target);
  const auto status = runner::status(context.target.connection, context.migrations, context.integrity_problems);
  source::Loader loader(cluster_choice(globals));
  loader.set_scope(promote::scope_of(context.project));
  const auto drift = promote::compute_drift(context, status, context.target.connection, loader);
  print_warnings(drift.warnings);
  const std::string built = std::to_string(drift.applied) + " applied migration" + (drift.applied == 1 ? "" : "s");
  if (arguments.format == "json") {
    std::cout << nlohmann::json{{"target", context.target.description},
                                {"applied", drift.applied},
                                {"drift", !drift.differences.empty()},
                                {"differences", drift.differences},
                                {"sql", drift.sql},
                                {"warnings", drift.plan_warnings}}
                     .dump(2)
              << "\n";
  } else if (drift.differences.empty()) {
    std::cout << "no drift: " << context.target.description << " is what its " << built << " build\n";
  } else {
    std::cout << "drift: " << context.target.description << " differs from what its " << built << " build (" << plural(drift.differences.size(), "difference") << "):\n";
    for (const auto& line : promote::first_lines(drift.differences)) std::cout << "  " << line << "\n";
    print_warnings(drift.plan_warnings);
    std::cout << "\n-- SQL that brings the database back to what its migrations build (review before running):\n"
              << drift.sql;
  }
  if (!drift.differences.empty()) throw ExitStatus(kExitFailure);
}

}  // namespace

void register_verify_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<VerifyArguments>();
  auto* command = app.add_subcommand("verify", "Detect drift: does the database match what its applied migrations build?");
  add_target_options(command, arguments->target);
  command->add_option("--format", arguments->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->footer(
      "Replays the applied migrations on a throwaway PostgreSQL, introspects both it and the\n"
      "database (its `strata` schema aside) and prints the differences and the SQL that would bring\n"
      "the database back. Exit 0: no drift; 1: drift (or an error).\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_verify(*arguments, globals); };
  });
}

}  // namespace strata::cli
