// strata docs: the schema as Markdown with a Mermaid ER diagram.
#include <fstream>
#include <iostream>
#include <sstream>

#include "strata/connection.h"

#include "commands.h"
#include "report.h"
#include "target_options.h"
#include "strata/docs.h"

namespace strata::cli {
namespace {

struct DocsArguments {
  std::string schema;
  std::string url;
  std::string out;
  std::string changed_from;
  std::string only;
  std::string title;
  int neighbourhood = -1;
  std::size_t max_tables = 80;
  bool group_by_schema = false;
  bool all_columns = false;
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    const auto first = item.find_first_not_of(' ');
    const auto last = item.find_last_not_of(' ');
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
  }
  return items;
}

void run_docs(const DocsArguments& arguments, const GlobalOptions& globals) {
  if (!arguments.schema.empty() && !arguments.url.empty()) throw UsageError("give --schema or --url, not both");
  auto schema = source::Source::database(arguments.url);
  if (arguments.url.empty()) {
    const auto project = arguments.schema.empty() ? promote::find_project("") : std::nullopt;
    schema = source::Source::files(!arguments.schema.empty() ? std::filesystem::path(arguments.schema)
                                   : project                 ? project->schema
                                                             : "schema");
  } else {
    runtime::remember_secrets(arguments.url);
  }
  source::Loader loader(cluster_choice(globals));
  model::Catalog catalog;
  docs::Options options;
  options.group_by_schema = arguments.group_by_schema;
  options.max_tables = arguments.max_tables;
  options.all_columns = arguments.all_columns;
  options.only = split_list(arguments.only);
  options.neighbourhood = arguments.neighbourhood < 0 ? 0 : arguments.neighbourhood;
  if (!arguments.title.empty()) options.title = arguments.title;

  if (!arguments.changed_from.empty()) {
    auto [from_loaded, to] = loader.load_both(source::Source::parse(arguments.changed_from), schema);
    print_warnings(from_loaded.warnings);
    print_warnings(to.warnings);
    const auto& from = from_loaded.catalog;
    catalog = std::move(to.catalog);
    const auto changed = docs::changed_tables(from, catalog);
    for (const auto& key : changed) {
      if (const auto* table = catalog.find(key)) options.only.push_back(table->schema + "." + table->name);
    }
    if (arguments.neighbourhood < 0) options.neighbourhood = 1;
    if (arguments.title.empty()) options.title = "Schema changes";
    if (options.only.empty()) {
      const std::string text = "# " + options.title + "\n\nNo table changed.\n";
      if (arguments.out.empty()) {
        std::cout << text;
      } else {
        std::ofstream(arguments.out, std::ios::binary) << text;
      }
      return;
    }
  } else {
    auto loaded = loader.load(schema);
    print_warnings(loaded.warnings);
    catalog = std::move(loaded.catalog);
  }

  const auto markdown = docs::render_markdown(catalog, options);
  if (arguments.out.empty()) {
    std::cout << markdown;
    return;
  }
  const std::filesystem::path out(arguments.out);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  std::ofstream file(out, std::ios::binary);
  file << markdown;
  if (!file) throw Error("cannot write " + arguments.out);
  std::cerr << "wrote " << arguments.out << "\n";
}

}  // namespace

void register_docs_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<DocsArguments>();
  auto* command = app.add_subcommand("docs", "Write the schema as Markdown with a Mermaid ER diagram");
  command->add_option("--schema", arguments->schema,
                      "Schema source: a .sql file or folder (default: strata.json's \"schema\", else schema/)");
  command->add_option("--url", arguments->url, "Document a live database instead");
  command->add_option("--out", arguments->out, "Write to this file (default: standard output)");
  command->add_option("--changed-from", arguments->changed_from,
                      "Only the tables that changed since this source (`empty`, .sql, folder, URL), with "
                      "their neighbours (--neighbourhood, default 1)");
  command->add_option("--only", arguments->only, "Comma-separated tables (schema.table or table)");
  command->add_option("--neighbourhood", arguments->neighbourhood,
                      "With --only/--changed-from: also the tables within N foreign-key hops");
  command->add_option("--max-tables", arguments->max_tables, "Largest diagram drawn (default 80)");
  command->add_flag("--group-by-schema", arguments->group_by_schema, "One diagram per schema");
  command->add_flag("--all-columns", arguments->all_columns,
                    "Every column in the diagram (default: key columns only)");
  command->add_option("--title", arguments->title, "The document's heading");
  command->footer("docs/devloop.md describes the document. GitHub renders the ```mermaid block.");
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_docs(*arguments, globals); };
  });
}

}  // namespace strata::cli
