// strata seed: idempotent sample-data files applied in name order, each in its own transaction.
#include <iostream>

#include "commands.h"
#include "runner_support.h"
#include "strata/seed.h"
#include "strata/sql_source.h"

namespace strata::cli {
namespace {

namespace fs = std::filesystem;

struct SeedArguments {
  TargetArguments target;
  std::string seed_dir;
  bool check_idempotent = false;
  bool yes = false;
};

fs::path seed_directory(const SeedArguments& arguments, const std::optional<project::Project>& project) {
  if (!arguments.seed_dir.empty()) return arguments.seed_dir;
  if (project) return project->schema / "seed";
  return fs::path("schema") / "seed";
}

// The seed files, in name order; a directory that is not there is an error (nothing to seed is
// worth saying, a mistyped --seed-dir more so).
std::vector<sql::SourceFile> seed_files(const fs::path& directory) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) throw std::runtime_error("no seed directory " + directory.string());
  return sql::read_sql_files(directory);
}

// Runs one file (strata/seed.h); returns the error ("" when it worked): file:line:col of the
// failing statement, the server's message and SQLSTATE, and the statement.
std::string apply_file(const std::string& connection, const sql::SourceFile& file) {
  try {
    seed::apply_file(connection, file);
    return "";
  } catch (const sql::SqlError& error) {
    return sql::describe(error);
  }
}

// "public.a: 3 -> 6 rows" for every table whose count differs.
std::vector<std::string> changed_counts(const runner::RowCounts& before, const runner::RowCounts& after) {
  std::vector<std::string> lines;
  for (const auto& [table, rows] : after) {
    const auto found = before.find(table);
    const long long old_rows = found == before.end() ? 0 : found->second;
    if (old_rows != rows) lines.push_back(table + ": " + std::to_string(old_rows) + " -> " + std::to_string(rows) + " rows");
  }
  for (const auto& [table, rows] : before) {
    if (!after.count(table)) lines.push_back(table + ": " + std::to_string(rows) + " rows -> gone");
  }
  return lines;
}

void run_seed(const SeedArguments& arguments) {
  const Context context = open_context(arguments.target);
  const auto directory = seed_directory(arguments, context.project);
  const auto files = seed_files(directory);
  if (files.empty()) {
    std::cout << "no seed files in " << directory.string() << "\n";
    return;
  }
  confirm_if_protected(context.target, arguments.yes, "load " + std::to_string(files.size()) + " seed files");

  for (const auto& file : files) {
    const auto error = apply_file(context.target.connection, file);
    if (!error.empty()) {
      std::cerr << "error: seed file " << file.path.filename().string() << " failed (rolled back; the files before it "
                << "stay applied):\n  " << error << "\n";
      throw ExitStatus(1);
    }
    std::cout << "seeded " << file.path.filename().string() << "\n";
  }
  if (!arguments.check_idempotent) {
    std::cout << "seeded " << context.target.description << " from " << files.size() << " file"
              << (files.size() == 1 ? "" : "s") << "\n";
    return;
  }

  // Run everything again: an idempotent file neither fails nor changes a row count.
  std::vector<std::string> problems;
  for (const auto& file : files) {
    const auto before = runner::count_rows(context.target.connection);
    const auto error = apply_file(context.target.connection, file);
    if (!error.empty()) {
      problems.push_back(file.path.filename().string() + ": fails on a second run: " + error);
      continue;
    }
    const auto changed = changed_counts(before, runner::count_rows(context.target.connection));
    if (!changed.empty()) {
      std::string text = file.path.filename().string() + ": changes row counts on a second run:";
      for (const auto& line : changed) text += "\n    " + line;
      problems.push_back(text);
    }
  }
  if (!problems.empty()) {
    std::cerr << "error: not idempotent (a seed file must be safe to run again: INSERT ... ON CONFLICT DO NOTHING):\n";
    for (const auto& problem : problems) std::cerr << "  " << problem << "\n";
    throw ExitStatus(1);
  }
  std::cout << "seeded " << context.target.description << " from " << files.size() << " file"
            << (files.size() == 1 ? "" : "s") << "; a second run changed no row count: idempotent\n";
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
