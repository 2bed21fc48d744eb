// strata push: the declared schema applied straight to a development database, no migration file.
#include <iostream>

#include "commands.h"
#include "report.h"
#include "strata/push.h"
#include "target_options.h"

namespace strata::cli {
namespace {

struct PushArguments {
  promote::TargetOptions target;
  TimeoutArguments timeouts;
  std::string schema;
  bool dry_run = false;
  bool allow_destructive = false;
  bool force = false;
  bool yes = false;
  bool prove = false;
  int proof_rows = 20;
};

void print_plan(const diff::Plan& plan, const std::string& target) {
  std::cout << "plan for " << target << " (" << plural(plan.changes.size(), "change") << "):\n";
  for (const auto& change : plan.changes) {
    std::cout << "  " << (change.destructive ? "! " : "  ") << change.summary;
    if (change.destructive) std::cout << "  [destructive: " << change.destructive_reason << "]";
    if (change.after_transaction) std::cout << "  [after the transaction]";
    std::cout << "\n";
  }
  std::cout << "\n-- SQL:\n" << diff::render_sql(plan) << "\n";
}

void run_push(const PushArguments& arguments, const GlobalOptions& globals) {
  const auto context = promote::open_context(arguments.target);
  const std::filesystem::path schema = !arguments.schema.empty() ? std::filesystem::path(arguments.schema)
                                       : context.project         ? context.project->schema
                                                                 : "schema";
  source::Loader loader(cluster_choice(globals));
  loader.set_scope(promote::scope_of(context.project));
  const auto pushed = push::plan(context, loader, schema, arguments.force, arguments.allow_destructive);
  const auto& plan = pushed.plan;
  print_warnings(pushed.warnings);
  print_notes(diff::notes(plan));
  if (plan.changes.empty()) {
    std::cout << "nothing to push: " << context.target.description << " matches the declared schema\n";
    return;
  }
  print_plan(plan, context.target.description);
  if (const auto refused = diff::unapproved_destructive(plan); !refused.empty()) {
    throw Error(plural(refused.size(), "destructive change") + " (marked !): nothing was pushed",
                ErrorInfo{.details = refused,
                 .hint = "pass --allow-destructive, or mark the object with `-- strata:allow-destructive` in the schema"});
  }
  if (arguments.prove) {
    const auto proof = source::prove_plan(loader.cluster(), pushed.live, pushed.declared, plan, pushed.options,
                                          loader.scope(), {arguments.proof_rows, 1});
    print_warnings(proof.warnings);
    if (!proof.failures.empty()) {
      throw Error("proof failed: the plan does not take the database to the declared schema keeping its rows; nothing "
                  "was pushed",
                  ErrorInfo{.details = proof.failures});
    }
    std::cout << proof.filled.summary() << " on a throwaway copy of its schema\n";
  }
  if (arguments.dry_run) {
    std::cout << "dry run: nothing was applied\n";
    return;
  }
  promote::confirm_if_protected(context.target, arguments.yes, "push " + plural(plan.changes.size(), "schema change"),
                                terminal_ask());
  TextProgress progress("applying");
  auto options = run_options(context, arguments.timeouts);
  options.on_event = [&progress](const runner::Event& event) { progress(event); };
  try {
    push::apply(context, plan, options);
  } catch (...) {
    progress.finish_line("failed");
    throw;
  }
  std::cout << "pushed " << plural(plan.changes.size(), "change") << " to " << context.target.description << "\n";
}

}  // namespace

void register_push_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<PushArguments>();
  auto* command = app.add_subcommand("push", "Apply the declared schema to a development database without a migration");
  add_target_options(command, arguments->target);
  add_timeout_options(command, arguments->timeouts);
  command->add_option("--schema", arguments->schema, "Declared schema (default: strata.json's \"schema\", else schema/)");
  command->add_flag("--dry-run", arguments->dry_run, "Print the plan only");
  command->add_flag("--prove", arguments->prove,
                    "Prove the plan first on a throwaway copy of the database's schema holding synthetic rows");
  command->add_option("--proof-rows", arguments->proof_rows, "Synthetic rows per table for --prove (default 20)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--allow-destructive", arguments->allow_destructive,
                    "Apply changes that lose data (dropped tables or columns, lossy retypes)");
  command->add_flag("--force", arguments->force,
                    "Push to a protected environment or to a database with applied strata migrations");
  command->add_flag("--yes", arguments->yes, "With --force on a protected environment: do not ask");
  command->footer(
      "Diffs the live database (its `strata` schema aside) against the declared schema (its pragmas\n"
      "honoured, as by strata diff and generate), prints the plan and its SQL, and applies it with the\n"
      "migration runner in one transaction: on failure nothing changes (changes that cannot run in a\n"
      "transaction follow it). Refused on protected environments and on databases with applied strata\n"
      "migrations unless --force.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_push(*arguments, globals); };
  });
}

}  // namespace strata::cli
