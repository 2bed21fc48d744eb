#include <iostream>

#include "commands.h"
#include "strata/migration_integrity.h"

namespace strata::cli {

void register_hash_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto directory = std::make_shared<std::string>("schema/migrations");
  auto* command = app.add_subcommand("hash", "Rewrite strata.sum for the migrations as they are now");
  command->footer("Use it after a deliberate edit of a migration; strata generate refuses to work on a\n"
                  "directory whose strata.sum does not match.");
  command->add_option("--migrations", *directory, "Migrations directory")->capture_default_str();
  command->callback([directory, &runner] {
    runner = [directory] {
      const auto migrations = migrations::read_directory(*directory);
      migrations::write_integrity_file(*directory, migrations);
      std::cout << "wrote " << (std::filesystem::path(*directory) / migrations::kIntegrityFileName).string() << " ("
                << migrations.size() << " migrations)\n";
    };
  });
}

}  // namespace strata::cli
