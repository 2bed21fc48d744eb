// `strata push`: the declared schema applied straight to a development database, without a
// migration file (docs/devloop.md). The plan is diffed like `strata diff` (every pragma of the
// declared schema honoured) and applied by the migration runner (lock timeouts, retries, the same
// error reports), in one transaction, with the changes that cannot run in one after it.
#pragma once

#include <filesystem>

#include "strata/diff.h"
#include "strata/promote/target.h"
#include "strata/runner.h"
#include "strata/source.h"

namespace strata::push {

struct Plan {
  diff::Plan plan;                    // the live database (strata's schema aside) -> the declared schema
  std::vector<std::string> warnings;  // the loaders' (what the model leaves out)
  model::Catalog live, declared;      // both sides, for --prove
  diff::Options options;
};

// Refuses (strata::Error) a protected environment or a database with applied strata migrations
// unless `force`: those get migrations. Then loads both sides and diffs them; destructive changes
// approved by `-- strata:allow-destructive` or `allow_destructive` are marked approved.
Plan plan(const promote::Context& context, source::Loader& loader, const std::filesystem::path& schema, bool force,
          bool allow_destructive);

// Applies the plan with runner::apply_unrecorded: the main changes in one transaction (nothing is
// applied when one fails), then the after-transaction ones (CREATE INDEX CONCURRENTLY ...).
runner::RunReport apply(const promote::Context& context, const diff::Plan& plan, const runner::RunOptions& options);

}  // namespace strata::push
