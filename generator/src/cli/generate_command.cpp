#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/generate.h"
#include "strata/lint.h"
#include "strata/promote/target.h"

namespace strata::cli {
namespace {

struct GenerateArguments {
  std::string name;
  std::string schema = "schema";
  std::string migrations;
  bool allow_destructive = false;
  bool no_online = false;
  bool check = false;
  int proof_rows = 20;
  unsigned proof_seed = 1;
  std::string proof_seed_dir;
};

// What `strata lint` (in CI: .github/workflows/ci.yml) will say of the files just written, said
// now: the proof runs on empty tables and cannot see, e.g., a NOT NULL column without a default
// failing on rows, or a rewrite under an exclusive lock. Nothing is refused for it.
void lint_written(const std::vector<std::filesystem::path>& written) {
  lint::Options options;
  for (const auto& path : written) {
    if (path.filename().string().find(".down.") == std::string::npos) options.only.push_back(path);
  }
  if (options.only.empty()) return;
  const auto report = lint::lint(migrations::read_directory(written.front().parent_path()), options);
  if (report.findings.empty()) return;
  std::cerr << "strata lint of what was written (CI fails on its errors until they are fixed in the schema, or approved "
               "with `-- strata:approved <reason>` in the migration):\n"
            << lint::format_text(report);
}

void run_generate(const GenerateArguments& arguments, const GlobalOptions& globals) {
  generate::Options options;
  options.schema = arguments.schema;
  options.migrations = arguments.migrations;
  options.name = arguments.name;
  options.allow_destructive = arguments.allow_destructive;
  options.online = !arguments.no_online;
  options.check = arguments.check;
  options.proof_rows = arguments.proof_rows;
  options.proof_seed = arguments.proof_seed;
  options.proof_seed_dir = arguments.proof_seed_dir;
  options.scope = promote::scope_of(promote::find_project(""));
  options.use_cached_cluster = !globals.no_cluster_cache;

  generate::Result result;
  {
    StageProgress progress("strata generate");  // erased before anything else is printed
    if (progress.shown()) options.on_stage = [&progress](const std::string& stage) { progress(stage); };
    result = generate::generate(options);
  }
  print_warnings(result.warnings);
  print_notes(diff::notes(result.plan));
  switch (result.status) {
    case generate::Result::Status::UpToDate:
      std::cout << "schema is up to date\n";
      break;
    case generate::Result::Status::CheckPassed:
      std::cout << "migrations cover the schema; strata.sum matches\n";
      break;
    case generate::Result::Status::Written:
      for (const auto& path : result.written) std::cout << "wrote " << path.string() << "\n";
      std::cout << "  " << result.data_proof << "\n";
      for (const auto& change : result.changes) {
        std::cout << "  " << change.summary << (change.destructive ? "  [destructive]" : "")
                  << (change.after_transaction ? "  [outside transaction]" : "") << "\n";
      }
      lint_written(result.written);
      break;
  }
  if (globals.timings) print_timings(result.timings.to_json());
}

}  // namespace

void register_generate_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<GenerateArguments>();
  auto* command = app.add_subcommand("generate", "Write the next migration: declared schema vs. replayed migrations");
  command->footer(
      "Replays the migrations on a throwaway PostgreSQL with the migration runner, diffs the result\n"
      "against the declared schema, proves the up and down files by migrating and rolling back a\n"
      "copy with the runner, then writes <UTC version>_<slug>.sql and .down.sql and updates\n"
      "strata.sum. Exit 0: written or up to date; 1: refused or failed; 2: a wrong command line.");
  command->add_option("--name", arguments->name, "Slug of the migration (default: derived from the changes)");
  command->add_option("--proof-rows", arguments->proof_rows,
                      "Synthetic rows per table the proof migrates and checks (default 20; 0: empty tables only)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--proof-seed", arguments->proof_seed, "Seed of the synthetic rows (default 1)");
  command->add_option("--proof-seed-dir", arguments->proof_seed_dir,
                      "Seed files run before the proof's migration, on top of the synthetic rows (instead of them "
                      "with --proof-rows 0)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--schema", arguments->schema, "Declared schema: a .sql file or a directory")->capture_default_str();
  command->add_option("--migrations", arguments->migrations, "Migrations directory (default: <schema>/migrations)");
  command->add_flag("--allow-destructive", arguments->allow_destructive, "Allow changes that lose data");
  command->add_flag("--no-online", arguments->no_online,
                    "Plain CREATE INDEX and constraints validated at once (no separate no-transaction migration)");
  command->add_flag("--check", arguments->check,
                    "Write nothing; exit 1 when the schema has changes no migration covers or strata.sum does not match");
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_generate(*arguments, globals); };
  });
}

}  // namespace strata::cli
