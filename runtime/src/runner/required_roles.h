// Roles are cluster-wide and not part of a schema: migrations grant to them and give objects to
// them, but never create them. Before anything runs, every role the pending steps name must
// exist on the target (or be created by an earlier statement of those steps).
#pragma once

#include <libpq-fe.h>

#include <vector>

#include "plan.h"

namespace strata::runner {

// Throws RunnerError naming each missing role and the migration that first names it; nothing
// has run yet. Does nothing when RunOptions::create_missing_roles makes them (throwaway_roles.h).
void require_roles(PGconn* conn, const std::vector<plan::Step>& steps);

}  // namespace strata::runner
