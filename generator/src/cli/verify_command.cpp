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

  // The migrations the database says it has, as their files are now.
  std::vector<migrations::Migration> applied;
  std::vector<std::string> cannot, warnings;
  for (const auto& migration : status.migrations) {
    const auto name = display_name(migration.version, migration.name);
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
        warnings.push_back(name + " was edited after it was applied: comparing with the file as it is now");
        [[fallthrough]];
      case runner::State::Applied:
        if (const auto* file = find_migration(context, migration.version)) applied.push_back(*file);
        break;
    }
  }
  if (!cannot.empty()) {
    throw runner::RunnerError("cannot tell what " + context.target.description + " should look like", cannot);
  }
  for (const auto& warning : warnings) std::cerr << "warning: " << warning << "\n";

  const auto expected = replayed_catalog(applied, !globals.no_cluster_cache);
  const auto live = introspect_target(context.target.connection);
  const auto differences = generate::catalog_differences(expected, live);
  std::string sql;
  std::vector<std::string> plan_warnings;
  if (!differences.empty()) {
    const auto plan = diff::diff(live, expected);
    sql = diff::render_sql(plan);
    plan_warnings = plan.warnings;
  }

  if (arguments.format == "json") {
    std::cout << nlohmann::json{{"target", context.target.description},
                                {"applied", applied.size()},
                                {"drift", !differences.empty()},
                                {"differences", differences},
                                {"sql", sql},
                                {"warnings", plan_warnings}}
                     .dump(2)
              << "\n";
  } else if (differences.empty()) {
    std::cout << "no drift: " << context.target.description << " is what its " << applied.size()
              << " applied migration" << (applied.size() == 1 ? "" : "s") << " build\n";
  } else {
    std::cout << "drift: " << context.target.description << " differs from what its " << applied.size()
              << " applied migration" << (applied.size() == 1 ? "" : "s") << " build (" << differences.size()
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
