#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/importer.h"
#include "strata/lint.h"
#include "strata/migrations.h"

namespace strata::cli {
namespace {

struct ImportArguments {
  std::string tool;
  std::string directory;
  std::string out = "schema/migrations";
};

void run_import(const ImportArguments& arguments) {
  importer::Tool tool;
  try {
    tool = importer::parse_tool(arguments.tool);
  } catch (const Error& error) {
    throw UsageError(std::string("--from: ") + error.what());
  }
  const auto migrations = importer::read(tool, arguments.directory);
  const auto written = importer::write(tool, migrations, arguments.out);
  std::size_t no_transaction = 0, downs = 0;
  for (const auto& migration : migrations) {
    no_transaction += migration.no_transaction ? 1 : 0;
    downs += migration.down ? 1 : 0;
  }
  std::cout << "imported " << plural(migrations.size(), "migration") << " from " << importer::to_string(tool) << " ("
            << arguments.directory << ") into " << arguments.out << ": " << downs << " with a down file, "
            << no_transaction << " outside a transaction; versions " << migrations.front().version << " to "
            << migrations.back().version << "\n";
  // What strata lint says of them: the files must at least parse for strata to apply them.
  const auto report = lint::lint(migrations::read_directory(arguments.out));
  std::size_t syntax = 0;
  for (const auto& finding : report.findings) syntax += finding.rule == "syntax-error" ? 1 : 0;
  std::cout << "strata lint: " << plural(report.findings.size(), "finding") << " (" << syntax
            << " syntax errors); `strata lint --migrations " << arguments.out << "` lists them\n";
  std::cout << "wrote " << arguments.out << "/strata.sum; on a database " << importer::to_string(tool)
            << " migrated: strata baseline --from-history " << importer::to_string(tool) << "\n";
}

}  // namespace

void register_import_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<ImportArguments>();
  auto* command = app.add_subcommand("import", "Turn another tool's migrations into strata migrations");
  std::string tools;
  for (const auto& name : importer::tool_names()) tools += (tools.empty() ? "" : ", ") + name;
  command->add_option("--from", arguments->tool, "The tool: " + tools)->required();
  command->add_option("directory", arguments->directory, "Its migrations directory (sqitch: the project, with sqitch.plan)")
      ->required();
  command->add_option("--out", arguments->out, "Where to write them (must hold no migration)")->capture_default_str();
  command->footer(
      "Versions keep the tool's order; each tool's no-transaction marker becomes -- strata:no-transaction; each file\n"
      "starts with `-- imported from TOOL: ID`, which `strata baseline --from-history TOOL` matches against the\n"
      "tool's history table. Writes strata.sum. What strata has no equivalent for (Flyway's repeatable migrations,\n"
      "Go or JavaScript migrations) is refused, naming the file (docs/migrations.md, \"Coming from another tool\").");
  command->callback([arguments, &runner] { runner = [arguments] { run_import(*arguments); }; });
}

}  // namespace strata::cli
