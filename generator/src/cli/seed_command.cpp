// strata seed: idempotent sample-data files applied in name order, each in its own transaction.
#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/seed.h"
#include "target_options.h"

namespace strata::cli {
namespace {

namespace fs = std::filesystem;

struct SeedArguments {
  promote::TargetOptions target;
  std::string seed_dir;
  bool check_idempotent = false;
  bool yes = false;
};

void run_seed(const SeedArguments& arguments) {
  const auto context = promote::open_context(arguments.target);
  const fs::path directory = !arguments.seed_dir.empty() ? fs::path(arguments.seed_dir)
                             : context.project           ? context.project->schema / "seed"
                                                         : fs::path("schema") / "seed";
  // Nothing to seed is worth saying; a mistyped --seed-dir more so.
  if (std::error_code error; !fs::is_directory(directory, error)) throw Error("no seed directory " + directory.string());
  const auto files = sql::read_sql_files(directory);
  if (files.empty()) {
    std::cout << "no seed files in " << directory.string() << "\n";
    return;
  }
  promote::confirm_if_protected(context.target, arguments.yes, "load " + plural(files.size(), "seed file"), terminal_ask());
  for (const auto& file : files) {
    try {
      seed::apply_file(context.target.connection, file);
    } catch (const sql::SqlError& error) {
      throw Error("seed file " + file.path.filename().string() + " failed (rolled back; the files before it stay applied)",
                  ErrorInfo{.details = {describe(error)}});
    }
    std::cout << "seeded " << file.path.filename().string() << "\n";
  }
  if (!arguments.check_idempotent) {
    std::cout << "seeded " << context.target.description << " from " << plural(files.size(), "file") << "\n";
    return;
  }
  if (const auto problems = seed::idempotency_problems(context.target.connection, files); !problems.empty()) {
    throw Error("not idempotent: a seed file must be safe to run again",
                ErrorInfo{.details = problems, .hint = "INSERT ... ON CONFLICT DO NOTHING"});
  }
  std::cout << "seeded " << context.target.description << " from " << plural(files.size(), "file")
            << "; a second run changed no row count: idempotent\n";
}

}  // namespace

void register_seed_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<SeedArguments>();
  auto* command = app.add_subcommand("seed", "Load the sample-data files (schema/seed/*.sql) in name order");
  add_target_options(command, arguments->target);
  command->add_option("--seed-dir", arguments->seed_dir, "Seed files (default: the schema folder's seed/)");
  command->add_flag("--check-idempotent", arguments->check_idempotent,
                    "Run every file a second time and fail when one fails or changes a row count");
  command->add_flag("--yes", arguments->yes, "Do not ask on a protected environment");
  command->footer(
      "Each file runs in its own transaction. Seed files must be idempotent (INSERT ... ON CONFLICT\n"
      "DO NOTHING): --check-idempotent proves it and names the files that are not.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &runner] { runner = [arguments] { run_seed(*arguments); }; });
}

}  // namespace strata::cli
