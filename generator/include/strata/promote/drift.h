// Drift: does a database still look like what its applied migrations build? Both sides are
// built by the one stage for each (replay for the migrations, introspection for the database,
// strata's history schema aside), and compared as generate's proof compares them.
#pragma once

#include <string>
#include <vector>

#include "strata/promote/target.h"
#include "strata/runner.h"
#include "strata/source.h"

namespace strata::promote {

struct Drift {
  std::size_t applied = 0;                 // applied migrations replayed
  std::vector<std::string> differences;    // empty: no drift
  std::string sql;                         // what would bring the database back (when drift)
  std::vector<std::string> plan_warnings;  // the diff's warnings about that SQL
  std::vector<std::string> warnings;       // edited migrations compared as they are now
};

// The database at `live` against what the migrations `status` reports applied build (replayed on
// `loader`'s cluster). Throws runner::RunnerError when that cannot be told (an applied migration's
// file is gone, or one is partial).
Drift compute_drift(const Context& context, const runner::StatusReport& status, const std::string& live,
                    source::Loader& loader);

// What `strata baseline` must see before it records anything: the differences between the target
// and what the migrations up to and including `version` build (empty: it matches). Objects the
// target has that are named `ignored` (schema.name; a schema's name alone), or whose names start
// with one of them and '_' or '.', are not differences: another tool's history table, its index,
// sequence and constraints (`baseline --from-history`).
std::vector<std::string> baseline_differences(const Context& context, const std::string& version, source::Loader& loader,
                                              const std::vector<std::string>& ignored = {});

// At most `limit` lines, then "... and N more".
std::vector<std::string> first_lines(std::vector<std::string> lines, std::size_t limit = 50);

}  // namespace strata::promote
