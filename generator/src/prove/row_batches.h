// Running one statement of the proof inside the open transaction without losing it when
// PostgreSQL refuses the statement.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "strata/pg.h"
#include "strata/prove.h"

namespace strata::prove::detail {

// The number of the first synthetic row: the seed moves every value.
inline long first_row(const FillOptions& options) { return 1 + static_cast<long>(options.seed - 1) * 100000L; }

// Runs `sql` in a savepoint: the rows it affected, or -1 with PostgreSQL's message in `error`
// (the savepoint rolled back). With `keep` false it is rolled back either way (a probe).
// `sqlstate`, when given, gets the refusal's SQLSTATE.
long run_in_savepoint(const pg::Session& session, const std::string& sql, std::string& error, bool keep = true,
                      std::string* sqlstate = nullptr);

// The same for many statements, each in its own savepoint, in order, a few round trips in all
// (pg::send_batch): per statement the rows it affected, or -1 with `error` and `sqlstate`.
struct SavepointOutcome {
  long affected = 0;
  std::string error;
  std::string sqlstate;
};
// `on_refused(i, error)` runs right after statement i was refused and rolled back, before the
// statements after it: it may run statements of its own on the session.
using OnRefused = std::function<void(std::size_t, const std::string&)>;
std::vector<SavepointOutcome> run_each_in_savepoint(const pg::Session& session, const std::vector<std::string>& sqls,
                                                    bool keep, const OnRefused& on_refused = {});

}  // namespace strata::prove::detail
