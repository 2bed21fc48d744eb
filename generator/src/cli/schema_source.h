// Where a schema comes from on the command line: `empty`, a .sql file, a directory of .sql
// files, or a live database (postgresql:// URL). Files are loaded on a throwaway cluster,
// started only when a file source is actually used.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "strata/cluster.h"
#include "strata/load.h"
#include "strata/model.h"

namespace strata::cli {

struct SourceTimings {
  double cluster_ms = 0;
  bool cluster_warm = false;
  load::LoadTimings load;
  double live_introspect_ms = 0;
  double sources_wall_ms = 0;  // both sources, loaded side by side
};

class SchemaSources {
 public:
  // `use_cached_cluster`: reuse a cluster kept running between invocations (fast), or start a
  // private one for this process (no state left behind).
  explicit SchemaSources(bool use_cached_cluster);
  ~SchemaSources();

  model::Catalog load(const std::string& source, std::vector<std::string>& warnings);
  // Loads two sources side by side (two databases on one cluster use both cores), which is
  // what makes a diff of two schema files cost about one load instead of two.
  std::pair<model::Catalog, model::Catalog> load_both(const std::string& first, const std::string& second,
                                                      std::vector<std::string>& warnings);
  const SourceTimings& timings() const { return timings_; }

 private:
  const runtime::Cluster& cluster();

  bool use_cached_cluster_;
  std::unique_ptr<runtime::Cluster> cluster_;
  std::mutex mutex_;  // guards timings_ while two loads run at once
  SourceTimings timings_;
};

bool is_database_url(const std::string& source);

}  // namespace strata::cli
