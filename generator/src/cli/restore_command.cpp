#include <iostream>

#include "commands.h"
#include "target_options.h"
#include "strata/backup.h"

namespace strata::cli {
namespace {

struct RestoreArguments {
  promote::TargetOptions target;
  std::string file;
  bool yes = false;
};

void run_restore(const RestoreArguments& arguments) {
  if (!std::filesystem::is_regular_file(arguments.file)) {
    throw Error(arguments.file + ": no such backup file");
  }
  const auto context = promote::open_context(arguments.target);
  promote::confirm_if_protected(context.target, arguments.yes, "replace its objects with those of " + arguments.file,
                                terminal_ask());
  backup::restore(context.target.connection, arguments.file);
  std::cout << "restored " << arguments.file << " into " << context.target.description << "\n";
}

}  // namespace

void register_restore_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<RestoreArguments>();
  auto* command = app.add_subcommand("restore", "Restore a backup made before a migration (pg_restore)");
  add_target_options(command, arguments->target);
  command->add_option("--file", arguments->file, "The .dump file (strata migrate prints its path)")->required();
  command->add_flag("--yes", arguments->yes, "Confirm restoring into a protected environment");
  command->footer(
      "pg_restore --clean --if-exists --single-transaction --no-owner: every object in the backup is\n"
      "dropped and recreated with its data (the migration history included), all or nothing. Objects\n"
      "created after the backup are left alone.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &runner] { runner = [arguments] { run_restore(*arguments); }; });
}

}  // namespace strata::cli
