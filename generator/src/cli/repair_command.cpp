#include <iostream>

#include "commands.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct RepairArguments {
  promote::TargetOptions target;
  bool forget_missing = false;
  bool yes = false;
};

void run_repair(const RepairArguments& arguments) {
  const auto context = promote::open_context(arguments.target);
  promote::confirm_if_protected(context.target, arguments.yes, "rewrite its migration history", terminal_ask());
  const auto changes = runner::repair(context.target.connection, context.migrations, arguments.forget_missing);
  if (changes.empty()) {
    std::cout << "nothing to repair on " << context.target.description << "\n";
    return;
  }
  for (const auto& change : changes) std::cout << change << "\n";
}

}  // namespace

void register_repair_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<RepairArguments>();
  auto* command = app.add_subcommand("repair", "Accept deliberate edits of applied migrations in the history");
  add_target_options(command, arguments->target);
  command->add_flag("--forget-missing", arguments->forget_missing,
                    "Also delete the history rows of applied migrations whose files are gone");
  command->add_flag("--yes", arguments->yes, "Confirm repairing a protected environment");
  command->footer(
      "Re-records the checksums of applied migrations whose files were edited on purpose. Nothing\n"
      "is executed: the database keeps what the old file did. Exit 0: repaired or nothing to do.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &runner] { runner = [arguments] { run_repair(*arguments); }; });
}

}  // namespace strata::cli
