#include <chrono>

#include <pqxx/pqxx>

#include "strata/introspect.h"
#include "strata/load.h"

namespace strata::load {
namespace {

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

LoadedSchema load_schema(const runtime::Cluster& cluster, const std::vector<SourceFile>& files) {
  LoadedSchema loaded;
  for (const auto& file : files) {
    auto pragmas = find_schema_pragmas(file);
    loaded.pragmas.insert(loaded.pragmas.end(), pragmas.begin(), pragmas.end());
  }
  auto start = std::chrono::steady_clock::now();
  runtime::ScratchDatabase scratch(cluster, "strata_load");
  loaded.timings.create_database_ms = milliseconds_since(start);

  start = std::chrono::steady_clock::now();
  execute_statements(scratch.connection_string(), files);
  loaded.timings.execute_ms = milliseconds_since(start);

  start = std::chrono::steady_clock::now();
  pqxx::connection conn(scratch.connection_string());
  auto result = introspect::introspect(conn);
  loaded.timings.introspect_ms = milliseconds_since(start);
  loaded.catalog = std::move(result.catalog);
  for (const auto& warning : result.warnings) loaded.warnings.push_back(warning.object + ": " + warning.message);
  return loaded;
}

}  // namespace strata::load
