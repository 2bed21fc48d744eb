// RunOptions::create_missing_roles: what a migration assumes of the cluster's roles, made true
// on a throwaway cluster before the migration runs.
#pragma once

#include <libpq-fe.h>

#include "plan.h"

namespace strata::runner::throwaway {

// Creates (NOLOGIN) every role the step's statements name that the cluster lacks, and marks the
// step's CREATE ROLE statements for roles it has as skipped. Another process preparing the same
// role at the same moment is fine.
void prepare_roles(PGconn* conn, plan::Step& step);

}  // namespace strata::runner::throwaway
