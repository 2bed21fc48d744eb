#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "commands.h"
#include "strata/lint.h"
#include "strata/migrations.h"

namespace strata::cli {
namespace {

namespace fs = std::filesystem;

struct LintArguments {
  std::string directory = "schema/migrations";
  std::string format = "text";
  bool include_down = false;
  std::string assume_runner = "strata";
  bool list_rules = false;
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::string> files;
};

[[noreturn]] void usage_error(const std::string& message) { throw UsageError(message); }

std::set<std::string> rule_set(const std::vector<std::string>& values) {
  std::set<std::string> out;
  for (const auto& value : values) {
    std::stringstream parts(value);
    std::string part;
    while (std::getline(parts, part, ',')) {
      if (!part.empty()) out.insert(part);
    }
  }
  return out;
}

fs::path normal(const fs::path& path) {
  std::error_code error;
  auto canonical = fs::weakly_canonical(path, error);
  return error ? path.lexically_normal() : canonical;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) usage_error(path.string() + ": cannot read file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void print_rules() {
  for (const auto& rule : lint::rules()) {
    std::cout << rule.id << "\t" << lint::to_string(rule.severity) << (rule.enabled_by_default ? "" : " (opt-in)")
              << (rule.data_loss ? " (data loss)" : "") << "\t" << rule.summary << "\n";
  }
}

void run(const LintArguments& arguments) {
  if (arguments.list_rules) {
    print_rules();
    return;
  }
  lint::Options options;
  options.include_down = arguments.include_down;
  options.assume_runner = arguments.assume_runner == "other" ? lint::Options::Runner::other : lint::Options::Runner::strata;
  options.enable = rule_set(arguments.enable);
  options.disable = rule_set(arguments.disable);

  if (!fs::is_directory(arguments.directory) && arguments.files.empty()) {
    usage_error(arguments.directory + ": no such migrations directory (--migrations)");
  }
  auto migrations = migrations::read_directory(arguments.directory);
  // Files named on the command line: those of the directory are linted in place (with the
  // history before them); others are linted as the next migration after the whole directory.
  for (const auto& file : arguments.files) {
    if (!fs::is_regular_file(file)) usage_error(file + ": no such file");
    const auto path = normal(file);
    bool in_directory = false;
    for (const auto& migration : migrations) {
      if (normal(migration.up.path) == path) in_directory = true;
      if (migration.down && normal(migration.down->path) == path) in_directory = options.include_down = true;
    }
    options.only.push_back(file);
    if (in_directory) continue;
    migrations::Migration extra;
    extra.slug = fs::path(file).stem().string();
    extra.up.path = file;
    extra.up.sql = read_text(file);
    extra.up.pragmas = migrations::parse_pragmas(extra.up.sql);
    migrations.push_back(std::move(extra));
  }

  lint::Report report;
  try {
    report = lint::lint(migrations, options);
  } catch (const std::invalid_argument& error) {
    usage_error(std::string(error.what()) + " (strata lint --list-rules prints them)");
  }
  if (arguments.format == "json") std::cout << lint::format_json(report);
  else if (arguments.format == "github") std::cout << lint::format_github(report);
  else std::cout << lint::format_text(report);
  std::cout.flush();
  if (report.failed()) throw ExitStatus(kExitFailure);
}

}  // namespace

void register_lint_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<LintArguments>();
  auto* command = app.add_subcommand("lint", "Find migration statements that lock or rewrite busy tables, lose data or break the running app");
  command->footer(
      "Reads the migration files with PostgreSQL's parser; no database is needed. Exit codes: 0 no unapproved\n"
      "dangerous finding, 1 dangerous findings, 2 bad arguments. Suppress one finding with a comment line\n"
      "`-- strata:lint-ignore <rule-id> <reason>` right before the statement; approve a whole migration with\n"
      "`-- strata:approved <reason>` at its top (docs/lint.md).");
  command->add_option("--migrations", arguments->directory, "Migrations directory")->capture_default_str();
  command->add_option("--format", arguments->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();
  command->add_flag("--include-down", arguments->include_down, "Lint the down migrations too");
  command->add_option("--assume-runner", arguments->assume_runner,
                      "Who applies the files: strata (sets lock and statement timeouts itself) or other (a tool that "
                      "sets none: a missing lock_timeout is reported, rule require-lock-timeout)")
      ->check(CLI::IsMember({"strata", "other"}))
      ->capture_default_str();
  command->add_option("--enable", arguments->enable, "Turn on opt-in rules (comma-separated ids, or `all`)");
  command->add_option("--disable", arguments->disable, "Turn off rules (comma-separated ids)");
  command->add_flag("--list-rules", arguments->list_rules, "Print the rules and exit");
  command->add_option("files", arguments->files, "Lint only these files (default: every up migration of the directory)");
  command->callback([arguments, &runner] { runner = [arguments] { run(*arguments); }; });
}

}  // namespace strata::cli
