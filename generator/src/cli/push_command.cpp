// strata push: the declared schema applied straight to a development database, no migration file.
#include <iostream>

#include <pqxx/pqxx>

#include "commands.h"
#include "runner_support.h"
#include "schema_source.h"
#include "strata/diff.h"

namespace strata::cli {
namespace {

struct PushArguments {
  TargetArguments target;
  std::string schema;
  bool dry_run = false;
  bool allow_destructive = false;
  bool force = false;
  bool yes = false;
};

std::filesystem::path schema_path(const std::string& explicit_path, const std::optional<project::Project>& project) {
  if (!explicit_path.empty()) return explicit_path;
  if (project) return project->schema;
  return "schema";
}

// Runs the statements, reporting the one that fails with its SQLSTATE. Returns false on failure.
bool run_statements(pqxx::transaction_base& work, const std::vector<std::string>& statements) {
  for (const auto& statement : statements) {
    try {
      work.exec(statement);
    } catch (const pqxx::sql_error& error) {
      std::cerr << "error: push failed (SQLSTATE " << error.sqlstate() << "): " << error.what()
                << "statement: " << statement << ";\n";
      return false;
    }
  }
  return true;
}

void run_push(const PushArguments& arguments, const GlobalOptions& globals) {
  const Context context = open_context(arguments.target);
  const auto& target = context.target;

  // Push is for development: production gets migrations.
  if (target.environment && target.environment->is_protected && !arguments.force) {
    throw std::runtime_error(target.environment->name +
                             " is a protected environment: push is for development databases, protected "
                             "environments get migrations (strata generate, strata migrate); --force overrides");
  }
  const auto history = runner::read_history(target.connection);
  if (!history.empty() && !arguments.force) {
    throw std::runtime_error(target.description + " has " + std::to_string(history.size()) +
                             " applied strata migration" + (history.size() == 1 ? "" : "s") +
                             ": it is managed by migrations, and a push would make it drift from them "
                             "(strata generate writes the next migration); --force overrides");
  }

  SchemaSources sources(!globals.no_cluster_cache);
  std::vector<std::string> warnings;
  const auto declared = sources.load(schema_path(arguments.schema, context.project).string(), warnings);
  const auto live = introspect_target(target.connection);
  const auto plan = diff::diff(live, declared);
  warnings.insert(warnings.end(), plan.warnings.begin(), plan.warnings.end());
  for (const auto& warning : warnings) std::cerr << "warning: " << warning << "\n";

  if (plan.changes.empty()) {
    std::cout << "nothing to push: " << target.description << " matches the declared schema\n";
    return;
  }
  std::size_t destructive = 0;
  std::cout << "plan for " << target.description << " (" << plan.changes.size() << " change"
            << (plan.changes.size() == 1 ? "" : "s") << "):\n";
  for (const auto& change : plan.changes) {
    std::cout << "  " << (change.destructive ? "! " : "  ") << change.summary;
    if (change.destructive) {
      ++destructive;
      std::cout << "  [destructive: " << change.destructive_reason << "]";
    }
    if (change.after_transaction) std::cout << "  [after the transaction]";
    std::cout << "\n";
  }
  for (const auto& hint : plan.hints) std::cout << "hint: " << hint << "\n";
  std::cout << "\n-- SQL:\n" << diff::render_sql(plan) << "\n";

  if (destructive > 0 && !arguments.allow_destructive) {
    std::cerr << "error: " << destructive << " destructive change" << (destructive == 1 ? "" : "s")
              << " (marked !): nothing was pushed; pass --allow-destructive to apply "
              << (destructive == 1 ? "it" : "them") << "\n";
    throw ExitStatus(1);
  }
  if (arguments.dry_run) {
    std::cout << "dry run: nothing was applied\n";
    return;
  }
  if (target.environment && target.environment->is_protected) {
    confirm_if_protected(target, arguments.yes, "push " + std::to_string(plan.changes.size()) + " schema changes");
  }

  pqxx::connection connection(target.connection);
  {
    pqxx::work work(connection, "strata_push");
    work.exec("SET LOCAL check_function_bodies = false");
    for (const auto& change : plan.changes) {
      if (change.after_transaction) continue;
      if (!run_statements(work, change.statements)) {
        std::cerr << "nothing was pushed: the transaction was rolled back\n";
        throw ExitStatus(1);
      }
    }
    work.commit();
  }
  std::size_t applied = 0, after = 0;
  for (const auto& change : plan.changes) {
    if (!change.after_transaction) {
      ++applied;
      continue;
    }
    pqxx::nontransaction work(connection, "strata_push_after");
    if (!run_statements(work, change.statements)) {
      std::cerr << "the main transaction (" << applied << " changes) was committed; this step and the ones after "
                << "it were not applied\n";
      throw ExitStatus(1);
    }
    ++after;
  }
  std::cout << "pushed " << applied + after << " change" << (applied + after == 1 ? "" : "s") << " to "
            << target.description << "\n";
}

}  // namespace

void register_push_command(CLI::App& app, const GlobalOptions& globals, CommandRunner& runner) {
  auto arguments = std::make_shared<PushArguments>();
  auto* command = app.add_subcommand("push", "Apply the declared schema to a development database without a migration");
  add_target_options(command, arguments->target);
  command->add_option("--schema", arguments->schema, "Declared schema (default: strata.json's \"schema\", else schema/)");
  command->add_flag("--dry-run", arguments->dry_run, "Print the plan only");
  command->add_flag("--allow-destructive", arguments->allow_destructive,
                    "Apply changes that lose data (dropped tables or columns, lossy retypes)");
  command->add_flag("--force", arguments->force,
                    "Push to a protected environment or to a database with applied strata migrations");
  command->add_flag("--yes", arguments->yes, "With --force on a protected environment: do not ask");
  command->footer(
      "Diffs the live database (its `strata` schema aside) against the declared schema, prints the\n"
      "plan and its SQL, and applies it in one transaction: on failure nothing changes. Refused on\n"
      "protected environments and on databases with applied strata migrations unless --force.\n" +
      std::string(kTargetHelp));
  command->callback([arguments, &globals, &runner] {
    runner = [arguments, &globals] { run_push(*arguments, globals); };
  });
}

}  // namespace strata::cli
