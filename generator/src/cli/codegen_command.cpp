#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/codegen.h"
#include "strata/introspect.h"
#include "strata/queries.h"
#include "strata/replay.h"
#include "strata/stopwatch.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct CodegenArguments {
  std::string migrations = "schema/migrations";
  std::string out;
  std::string cpp_namespace;
  std::string types;
  std::string queries;
  int shards = 4;
};

void run_codegen(const CodegenArguments& arguments, const GlobalOptions& globals) {
  const auto start = std::chrono::steady_clock::now();
  codegen::Options options;
  options.cpp_namespace = arguments.cpp_namespace;
  options.shards = arguments.shards;
  if (!arguments.types.empty()) options.overrides = codegen::read_type_overrides(arguments.types);
  if (!std::filesystem::is_directory(arguments.migrations)) {
    throw codegen::CodegenError(arguments.migrations + ": no such migrations directory",
                                ErrorInfo{.hint = "no migration is written yet: write the first one with `cmake --build "
                                                  "<build dir> --target db-generate` (or `strata generate`)"});
  }
  // The migrations are compiled into the program, which then applies them without a strata.sum
  // to check: it is checked here, at build time.
  options.migrations = replay::read_verified(arguments.migrations);
  source::Loader loader(cluster_choice(globals));
  model::Catalog catalog;
  if (arguments.queries.empty()) {
    catalog = loader.load(source::Source::migrations(options.migrations, arguments.migrations)).catalog;
  } else {
    // Typed queries are prepared and described by PostgreSQL on a database the migrations
    // built; the catalog is that database's too (one replay, not one for each).
    options.queries = queries::read_query_files(arguments.queries);
    const runtime::ScratchDatabase database(loader.cluster(), "strata_queries");
    replay::apply(database.connection_string(), options.migrations);
    catalog = introspect::introspect(database.connection_string()).catalog;
    queries::describe(database.connection_string(), options.queries);
  }
  const auto cluster_ms = loader.timings().cluster_ms;
  const auto replay_ms = ms_since(start) - cluster_ms;

  const auto files = codegen::generate(catalog, options);
  const auto report = codegen::write_files(arguments.out, files);
  for (const auto& path : report.written) std::cout << "wrote " << (std::filesystem::path(arguments.out) / path).string() << "\n";
  for (const auto& path : report.removed) std::cout << "removed " << (std::filesystem::path(arguments.out) / path).string() << "\n";
  std::cout << "codegen: " << files.size() << " files for " << options.migrations.size() << " migrations ("
            << report.written.size() << " written, " << report.unchanged.size() << " unchanged, " << report.removed.size()
            << " removed)\n";
  if (globals.timings) print_timings({{"cluster_ms", cluster_ms}, {"replay_ms", replay_ms}, {"total_ms", ms_since(start)}});
  // For build tests: how often the build ran the generator, and what it changed.
  if (const char* log = std::getenv("STRATA_CODEGEN_LOG"); log != nullptr && *log != '\0') {
    std::ofstream out(log, std::ios::app);
    out << "codegen " << arguments.out << " written=" << report.written.size() << " unchanged=" << report.unchanged.size()
        << " removed=" << report.removed.size() << "\n";
  }
}

}  // namespace

void register_codegen_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<CodegenArguments>();
  auto* command = app.add_subcommand("codegen", "Generate typed C++ accessors from what the migrations build");
  command->footer(
      "Replays the migrations on a throwaway PostgreSQL with the migration runner, introspects the\n"
      "result and writes one header per\n"
      "table, view and enum under <out>/include/<namespace path>/, the umbrella schema.h, the\n"
      "implementation in <out>/src/shard_NN.cpp and the compiled-in migrations in <out>/src/migrations.cpp.\n"
      "Only files whose content changed are written. A column type without a C++ mapping is an error\n"
      "(map it with --types). See docs/accessors.md.");
  command->add_option("--migrations", arguments->migrations, "Migrations directory")->capture_default_str();
  command->add_option("--out", arguments->out, "Output directory")->required();
  command->add_option("--namespace", arguments->cpp_namespace, "C++ namespace of the generated code, e.g. app::db")->required();
  command->add_option("--types", arguments->types, "JSON file mapping more SQL types to C++ types");
  command->add_option("--queries", arguments->queries,
                      "Directory of typed queries (*.sql with -- name: X :one|:many|:exec|:execrows), see docs/queries.md");
  command->add_option("--shards", arguments->shards, "Number of implementation files (1-100)")
      ->capture_default_str()
      ->check(CLI::Range(1, codegen::kMaxShards));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_codegen(*arguments, globals); };
  });
}

}  // namespace strata::cli
