#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/promote/drift.h"
#include "strata/connection.h"
#include "strata/promote/fleet.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct VerifyArguments {
  promote::TargetOptions target;
  std::string format = "text";
  std::string shard;  // a fleet's slice i/N
};

// Every target of a fleet, one after the other (the migrations' catalogs are replayed once per
// applied set and then come from the catalog cache): drift or not per target, exit 1 when any
// target drifted or could not be checked.
void verify_fleet(const promote::Context& context, const VerifyArguments& arguments, const GlobalOptions& globals) {
  const auto targets = promote::fleet_targets(*context.target.environment, arguments.shard);
  source::Loader loader(cluster_choice(globals));
  loader.set_scope(promote::scope_of(context.project));
  nlohmann::json rows = nlohmann::json::array();
  int drifted = 0, failed = 0;
  for (const auto& target : targets) {
    if (!target.schema.empty()) {
      throw UsageError("verify compares whole databases: it does not check a fleet of schemas (" +
                       context.target.environment->name + ")");
    }
    nlohmann::json row = {{"target", target.name}};
    try {
      const auto status = runner::status(target.connection, context.migrations, context.integrity_problems);
      const auto drift = promote::compute_drift(context, status, target.connection, loader);
      row["drift"] = !drift.differences.empty();
      row["differences"] = drift.differences;
      drifted += !drift.differences.empty();
      if (arguments.format != "json") {
        std::cout << target.name << ": "
                  << (drift.differences.empty() ? "no drift" : "drift (" + plural(drift.differences.size(), "difference") + ")")
                  << "\n";
        for (const auto& line : promote::first_lines(drift.differences, 5)) std::cout << "  " << line << "\n";
      }
    } catch (const std::exception& error) {
      ++failed;
      row["error"] = runtime::scrub_remembered_secrets(error.what());
      if (arguments.format != "json") std::cout << target.name << ": cannot tell: " << row["error"].get<std::string>() << "\n";
    }
    rows.push_back(row);
  }
  if (arguments.format == "json") {
    std::cout << nlohmann::json{{"fleet", context.target.environment->name}, {"drifted", drifted}, {"failed", failed},
                                {"targets", rows}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "fleet " << context.target.environment->name << ": " << plural(targets.size(), "target") << ": "
              << drifted << " drifted, " << failed << " could not be checked\n";
  }
  if (drifted > 0 || failed > 0) throw ExitStatus(kExitFailure);
}

void run_verify(const VerifyArguments& arguments, const GlobalOptions& globals) {
  auto target = arguments.target;
  target.allow_fleet = true;
  const auto context = promote::open_context(target);
  if (context.target.fleet()) {
    verify_fleet(context, arguments, globals);
    return;
  }
  if (!arguments.shard.empty()) throw UsageError("--shard is for a fleet (--env of a fleet environment)");
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
  command->add_option("--shard", arguments->shard, "Fleet: only slice i of N (i/N)");
  command->footer(
      "--env of a fleet (docs/fleets.md): every target, a line each, exit 1 when any drifted.\n"
      "Replays the applied migrations on a throwaway PostgreSQL, introspects both it and the\n"
      "database (its `strata` schema aside) and prints the differences and the SQL that would bring\n"
      "the database back. Exit 0: no drift; 1: drift (or an error).\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_verify(*arguments, globals); };
  });
}

}  // namespace strata::cli
