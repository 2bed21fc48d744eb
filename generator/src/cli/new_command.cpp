#include <iostream>

#include "commands.h"
#include "strata/generate.h"

namespace strata::cli {
namespace {

struct NewArguments {
  std::string name;
  std::string directory = "schema/migrations";
};

}  // namespace

void register_new_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<NewArguments>();
  auto* command = app.add_subcommand("new", "Create an empty up/down pair for a hand-written migration");
  command->footer("For data backfills and anything else the schema does not declare. Updates strata.sum.");
  command->add_option("--name", arguments->name, "Slug of the migration ([a-z0-9_])")->required();
  command->add_option("--migrations", arguments->directory, "Migrations directory")->capture_default_str();
  command->callback([arguments, &runner] {
    runner = [arguments] {
      for (const auto& path : generate::new_migration(arguments->directory, arguments->name)) {
        std::cout << "wrote " << path.string() << "\n";
      }
    };
  });
}

}  // namespace strata::cli
