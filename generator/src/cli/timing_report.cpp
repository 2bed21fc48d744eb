#include "timing_report.h"

#include <iostream>

#include <nlohmann/json.hpp>

namespace strata::cli {

void print_timings(const SourceTimings& sources, double diff_ms) {
  const nlohmann::json timings = {
      {"cluster_ms", sources.cluster_ms},
      {"cluster_warm", sources.cluster_warm},
      {"create_database_ms", sources.load.create_database_ms},
      {"load_ms", sources.load.execute_ms},
      {"introspect_ms", sources.load.introspect_ms + sources.live_introspect_ms},
      {"sources_wall_ms", sources.sources_wall_ms},
      {"diff_ms", diff_ms},
  };
  std::cerr << "timings: " << timings.dump() << "\n";
}

}  // namespace strata::cli
