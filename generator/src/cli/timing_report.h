#pragma once

#include "schema_source.h"

namespace strata::cli {

// One line on stderr, machine-readable, used by bench/ and by people asking where time went.
void print_timings(const SourceTimings& sources, double diff_ms);

}  // namespace strata::cli
