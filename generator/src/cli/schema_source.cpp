#include "schema_source.h"

#include <chrono>
#include <future>

#include <pqxx/pqxx>

#include "strata/connection.h"
#include "strata/introspect.h"

namespace strata::cli {
namespace {

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

bool is_database_url(const std::string& source) {
  return source.rfind("postgresql://", 0) == 0 || source.rfind("postgres://", 0) == 0;
}

SchemaSources::SchemaSources(bool use_cached_cluster) : use_cached_cluster_(use_cached_cluster) {}
SchemaSources::~SchemaSources() = default;

const runtime::Cluster& SchemaSources::cluster() {
  if (!cluster_) {
    const auto start = std::chrono::steady_clock::now();
    if (use_cached_cluster_) {
      auto cached = runtime::CachedCluster::acquire();
      timings_.cluster_warm = cached->was_warm();
      cluster_ = std::move(cached);
    } else {
      cluster_ = runtime::EphemeralCluster::start();
    }
    timings_.cluster_ms = milliseconds_since(start);
  }
  return *cluster_;
}

model::Catalog SchemaSources::load(const std::string& source, std::vector<std::string>& warnings) {
  if (source == "empty") return load::empty_database_catalog();

  if (is_database_url(source)) {
    const auto start = std::chrono::steady_clock::now();
    try {
      pqxx::connection conn(source);
      auto result = introspect::introspect(conn);
      for (const auto& warning : result.warnings) warnings.push_back(warning.object + ": " + warning.message);
      std::lock_guard lock(mutex_);
      timings_.live_introspect_ms += milliseconds_since(start);
      return std::move(result.catalog);
    } catch (const pqxx::broken_connection& error) {
      // libpq's message can echo the connection string; never let a password through.
      throw std::runtime_error("cannot connect to " + runtime::redact_password(source) + ": " +
                               runtime::redact_password(error.what()));
    }
  }

  const auto files = load::read_schema_files(source);
  auto loaded = load::load_schema(cluster(), files);
  std::lock_guard lock(mutex_);
  warnings.insert(warnings.end(), loaded.warnings.begin(), loaded.warnings.end());
  timings_.load.create_database_ms += loaded.timings.create_database_ms;
  timings_.load.execute_ms += loaded.timings.execute_ms;
  timings_.load.introspect_ms += loaded.timings.introspect_ms;
  return std::move(loaded.catalog);
}

std::pair<model::Catalog, model::Catalog> SchemaSources::load_both(const std::string& first, const std::string& second,
                                                                   std::vector<std::string>& warnings) {
  const auto needs_cluster = [](const std::string& source) { return source != "empty" && !is_database_url(source); };
  if (needs_cluster(first) || needs_cluster(second)) cluster();  // start it once, before the loads race for it
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> first_warnings;
  auto first_catalog = std::async(std::launch::async, [&] { return load(first, first_warnings); });
  std::vector<std::string> second_warnings;
  model::Catalog second_catalog;
  try {
    second_catalog = load(second, second_warnings);
  } catch (...) {
    first_catalog.wait();  // never leave the other load running against a cluster we are about to release
    throw;
  }
  std::pair result{first_catalog.get(), std::move(second_catalog)};
  timings_.sources_wall_ms = milliseconds_since(start);
  warnings.insert(warnings.end(), first_warnings.begin(), first_warnings.end());
  warnings.insert(warnings.end(), second_warnings.begin(), second_warnings.end());
  return result;
}

}  // namespace strata::cli
