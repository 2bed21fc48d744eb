// The runner's connections: strata's libpq session, refused when the server does not have
// standard_conforming_strings on (the history statements quote values as literals).
#pragma once

#include "strata/pg.h"

namespace strata::runner {

// Throws RunnerError naming the target (its password redacted) when it cannot be reached.
pg::Session connect(const std::string& connection, const char* application_name = "strata migrate");

}  // namespace strata::runner
