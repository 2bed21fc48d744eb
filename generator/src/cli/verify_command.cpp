#include <iostream>

#include "commands.h"
#include "runner_support.h"
#include "strata/diff.h"
#include "strata/generate.h"

namespace strata::cli {
namespace {

struct VerifyArguments {
  TargetArguments target;
  std::string format = "text";
};

void run_verify(const VerifyArguments& arguments, const GlobalOptions& globals) {
  const Context context = open_context(arguments.target);
  const auto status = runner::status(context.target.connection, context.migrations, context.integrity_problems);

  const auto drift = compute_drift(context, status, context.target.connection, !globals.no_cluster_cache);
  for (const auto& warning : drift.warnings) std::cerr << "warning: " << warning << "\n";
  const auto applied = drift.applied;
  const auto& differences = drift.differences;
  const auto& sql = drift.sql;
  const auto& plan_warnings = drift.plan_warnings;

  if (arguments.format == "json") {
    std::cout << nlohmann::json{{"target", context.target.description},
                                {"applied", applied},
                                {"drift", !differences.empty()},
                                {"differences", differences},
                                {"sql", sql},
                                {"warnings", plan_warnings}}
                     .dump(2)
              << "\n";
  } else if (differences.empty()) {
    std::cout << "no drift: " << context.target.description << " is what its " << applied
              << " applied migration" << (applied == 1 ? "" : "s") << " build\n";
  } else {
    std::cout << "drift: " << context.target.description << " differs from what its " << applied
              << " applied migration" << (applied == 1 ? "" : "s") << " build (" << differences.size()
              << " difference" << (differences.size() == 1 ? "" : "s") << "):\n";
    for (const auto& line : first_lines(differences)) std::cout << "  " << line << "\n";
    for (const auto& warning : plan_warnings) std::cerr << "warning: " << warning << "\n";
    std::cout << "\n-- SQL that brings the database back to what its migrations build (review before running):\n"
              << sql;
  }
  if (!differences.empty()) throw ExitStatus(1);
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
