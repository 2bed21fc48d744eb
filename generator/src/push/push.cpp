#include "strata/push.h"

#include <algorithm>

namespace strata::push {
namespace {

migrations::Migration script(const std::string& slug, const diff::Plan& plan, bool after_transaction) {
  diff::Plan part;
  for (const auto& change : plan.changes) {
    if (change.after_transaction == after_transaction) part.changes.push_back(change);
  }
  migrations::Migration made;
  made.version = "push";
  made.slug = slug;
  made.up.path = "(push " + slug + ")";
  made.up.sql = (after_transaction ? "-- strata:no-transaction\n" : "") + diff::render_sql(part);
  made.up.pragmas = migrations::parse_pragmas(made.up.sql);
  return made;
}

}  // namespace

Plan plan(const promote::Context& context, source::Loader& loader, const std::filesystem::path& schema, bool force,
          bool allow_destructive) {
  const auto& target = context.target;
  if (target.environment && target.environment->is_protected && !force) {
    throw Error(target.environment->name + " is a protected environment: push is for development databases",
                ErrorInfo{.hint = "protected environments get migrations (strata generate, strata migrate); --force overrides"});
  }
  const auto history = runner::read_history(target.connection);
  if (!history.empty() && !force) {
    throw Error(target.description + " has " + std::to_string(history.size()) + " applied strata migration" +
                    (history.size() == 1 ? "" : "s") +
                    ": it is managed by migrations, and a push would make it drift from them",
                ErrorInfo{.hint = "strata generate writes the next migration; --force overrides"});
  }
  auto [live, declared] = loader.load_both(source::Source::database(target.connection), source::Source::files(schema));
  auto options = source::diff_options(declared);
  options.allow_destructive = allow_destructive;
  Plan result{diff::diff(live.catalog, declared.catalog, options), live.warnings, live.catalog, declared.catalog, options};
  result.warnings.insert(result.warnings.end(), declared.warnings.begin(), declared.warnings.end());
  return result;
}

runner::RunReport apply(const promote::Context& context, const diff::Plan& plan, const runner::RunOptions& options) {
  // The two parts run one after the other, so that a failure says which: the first rolls back
  // whole, the second (statement by statement) stops where it failed.
  runner::RunReport report;
  try {
    report = runner::apply_unrecorded(context.target.connection, {script("plan", plan, false)}, options);
  } catch (const sql::SqlError& error) {
    throw error.with({"nothing was pushed: the transaction was rolled back"}, "");
  }
  const bool online = std::any_of(plan.changes.begin(), plan.changes.end(),
                                  [](const diff::Change& change) { return change.after_transaction; });
  if (!online) return report;
  try {
    const auto after = runner::apply_unrecorded(context.target.connection, {script("online", plan, true)}, options);
    report.applied.insert(report.applied.end(), after.applied.begin(), after.applied.end());
    report.total_ms += after.total_ms;
  } catch (const sql::SqlError& error) {
    throw error.with({"the main transaction was committed; this statement and the ones after it (run outside a "
                      "transaction) were not applied"},
                     "");
  }
  return report;
}

}  // namespace strata::push
