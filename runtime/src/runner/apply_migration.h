// Executing one step's script: in a transaction with lock-timeout retries, or statement by
// statement (no-transaction) with its progress in the history.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <string>

#include "blocker_watch.h"
#include "plan.h"
#include "script.h"
#include "strata/runner.h"

namespace strata::runner {

struct StepContext {
  PGconn* conn = nullptr;
  const RunOptions* options = nullptr;
  BlockerWatch* watch = nullptr;
  std::string target;  // redacted, for messages
};

struct StepOutcome {
  bool done = false;  // false: skipped, another runner had already done it
  double elapsed_ms = 0;
  int lock_retries = 0;
};

// Throws sql::SqlError (a statement of the file failed, at its file:line:col), LockTimeoutError
// (lock timeouts beyond Timeouts::lock_retries) or RunnerError (connection lost, history write
// failed). A failed transactional step is rolled back; a failed no-transaction step leaves its
// history row at the last completed statement.
StepOutcome execute(const StepContext& context, const plan::Step& step, const script::Script& script);

// One step as every run (migrate, rollback, apply_unrecorded) takes it: the throwaway cluster's
// roles made up when RunOptions::create_missing_roles asks for it (which decides the statements
// the script sends, so the script is made after), a MigrationStarted event, the script, and a
// MigrationDone event when it ran (not when another runner had done it meanwhile).
StepOutcome run_step(const StepContext& context, plan::Step& step,
                     const std::function<script::Script(const plan::Step&)>& make_script,
                     const std::string& started_message = {}, const std::string& done_message = {});

}  // namespace strata::runner
