#include <iostream>

#include "commands.h"
#include "strata/review.h"

namespace strata::cli {
namespace {

struct ReviewArguments {
  std::string directory = "schema/migrations";
  std::string base;
  std::string rehearsal;
  std::string format = "text";
};

void run(const ReviewArguments& arguments) {
  review::Options options;
  options.migrations = arguments.directory;
  if (!arguments.base.empty()) options.base = arguments.base;
  if (!arguments.rehearsal.empty()) options.rehearsal = arguments.rehearsal;
  const auto result = review::review(options);
  if (arguments.format == "json") std::cout << review::to_json(result).dump(2) << "\n";
  else if (arguments.format == "markdown") std::cout << review::format_markdown(result);
  else std::cout << review::format_text(result);
  std::cout.flush();
  if (result.failed()) throw ExitStatus(kExitFailure);
}

}  // namespace

void register_review_command(CLI::App& app, const GlobalOptions&, CommandRunner& runner) {
  auto arguments = std::make_shared<ReviewArguments>();
  auto* command = app.add_subcommand("review", "Say what a change to the migrations will do (for a pull request)");
  command->footer(
      "Compares the migrations directory with --base (the base branch's copy of it): the migrations added,\n"
      "edited or removed, how each runs, lint's findings on them, the steps that destroy data, and the\n"
      "summary of `strata rehearse --format json` given as --rehearsal. No database is needed. ci.yml posts\n"
      "--format markdown as one pull request comment, updated on each push. Exit codes: 0 fine, 1 lint fails\n"
      "or an applied migration was edited or removed, 2 bad arguments.");
  command->add_option("--migrations", arguments->directory, "Migrations directory")->capture_default_str();
  command->add_option("--base", arguments->base, "The base branch's migrations directory (default: none, every migration is new)");
  command->add_option("--rehearsal", arguments->rehearsal, "Output of `strata rehearse --format json` to summarize");
  command->add_option("--format", arguments->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command->callback([arguments, &runner] { runner = [arguments] { run(*arguments); }; });
}

}  // namespace strata::cli
