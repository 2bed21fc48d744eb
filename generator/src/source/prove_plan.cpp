// A plan proven on rows outside `strata generate`: the source state is built from its catalog
// (whatever the source was: files, migrations, a live database, which is never touched), filled,
// migrated with the plan's statements one by one, and compared.
#include "strata/introspect.h"
#include "strata/pg.h"
#include "strata/source.h"

namespace strata::source {

PlanProof prove_plan(const runtime::Cluster& cluster, const model::Catalog& from, const model::Catalog& to,
                     const diff::Plan& plan, const diff::Options& options, const model::Scope& scope,
                     const prove::FillOptions& fill) {
  PlanProof proof;
  runtime::ScratchDatabase database(cluster, "strata_prove");
  const std::string url = database.connection_string();
  {
    pg::Session session(url, "strata proof");
    session.exec(diff::render_sql(diff::diff(load::empty_database_catalog(), from)), "build the source state");
  }
  proof.filled = prove::fill(url, fill);
  for (const auto& note : proof.filled.notes) proof.warnings.push_back("proof on data: " + note);
  const auto before = prove::snapshot(url, from, fill);
  {
    pg::Session session(url, "strata proof");
    for (const auto& change : plan.changes) {
      for (const auto& statement : change.statements) {
        const auto result = session.send(statement);
        if (pg::succeeded(result.get())) continue;
        proof.failures.push_back("the plan does not run: " +
                                 pg::one_line(pg::error_field(result.get(), PG_DIAG_MESSAGE_PRIMARY)) + " (SQLSTATE " +
                                 pg::sqlstate(result.get()) + ")");
        proof.failures.push_back("statement: " + statement);
        return proof;
      }
    }
  }
  auto reached = introspect::introspect(url).catalog;
  model::narrow(reached, scope);
  for (const auto& line : model::differences(to, reached)) proof.failures.push_back("differs from the target: " + line);
  for (const auto& violation : prove::check_after_up(url, before, from, to, plan, options, fill)) {
    (violation.warning ? proof.warnings : proof.failures).push_back(violation.line());
  }
  return proof;
}

}  // namespace strata::source
