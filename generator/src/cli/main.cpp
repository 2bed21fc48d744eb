#include <iostream>

#include "commands.h"
#include "strata/diff.h"
#include "strata/load.h"

int main(int argc, char** argv) {
  CLI::App app{"strata: the PostgreSQL schema as a build input"};
  app.set_version_flag("--version", STRATA_VERSION);
  app.require_subcommand(1);

  strata::cli::GlobalOptions globals;
  app.add_flag("--no-cluster-cache", globals.no_cluster_cache,
               "Start a private throwaway PostgreSQL for this run instead of reusing the cached one");
  app.add_flag("--timings", globals.timings, "Print where the time went on stderr");

  strata::cli::CommandRunner runner;
  strata::cli::register_diff_command(app, globals, runner);
  strata::cli::register_inspect_command(app, globals, runner);
  strata::cli::register_generate_command(app, globals, runner);
  strata::cli::register_hash_command(app, globals, runner);
  strata::cli::register_new_command(app, globals, runner);
  strata::cli::register_test_db_command(app, globals, runner);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 1;
  }

  try {
    runner();
    return 0;
  } catch (const strata::load::SchemaError& error) {
    std::cerr << "error: " << error.what() << "\n";
    if (!error.statement().empty()) std::cerr << "statement: " << error.statement() << "\n";
    if (!error.detail().empty()) std::cerr << error.detail();
  } catch (const strata::diff::DiffError& error) {
    std::cerr << "error: " << error.what() << "\n";
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
  }
  return 1;
}
