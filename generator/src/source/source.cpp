#include "strata/source.h"

#include <future>

#include "strata/connection.h"
#include "strata/introspect.h"
#include "strata/replay.h"
#include "strata/stopwatch.h"

namespace strata::source {

namespace fs = std::filesystem;

bool is_database_url(const std::string& text) {
  return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

Source Source::parse(const std::string& text) {
  if (text == "empty") return {};
  if (is_database_url(text)) return database(text);
  if (text.rfind("migrations:", 0) == 0) return migrations(text.substr(11));
  return files(text);
}

Source Source::files(const fs::path& path) { return {Kind::Files, path, {}, std::nullopt}; }
Source Source::migrations(const fs::path& directory) { return {Kind::Migrations, directory, {}, std::nullopt}; }
Source Source::migrations(std::vector<migrations::Migration> list, std::string description) {
  return {Kind::Migrations, std::move(description), {}, std::move(list)};
}
Source Source::database(const std::string& url) { return {Kind::Database, {}, url, std::nullopt}; }

std::string Source::describe() const {
  switch (kind) {
    case Kind::Empty: return "empty";
    case Kind::Files: return path.string();
    case Kind::Database: return runtime::redact_password(url);
    case Kind::Migrations: return "migrations:" + path.string();
  }
  return "";
}

Loader::Loader(ClusterChoice choice) : choice_(choice), cache_(CatalogCache()) {}
Loader::Loader(const runtime::Cluster& cluster) : cluster_(&cluster) {}
Loader::~Loader() = default;

const runtime::Cluster& Loader::cluster() {
  std::lock_guard lock(cluster_mutex_);  // two loads side by side may both need it first
  if (cluster_ == nullptr) {
    const auto start = std::chrono::steady_clock::now();
    if (choice_ == ClusterChoice::Cached) {
      auto cached = runtime::CachedCluster::acquire();
      timings_.cluster_warm = cached->was_warm();
      owned_ = std::move(cached);
    } else {
      owned_ = runtime::EphemeralCluster::start();
    }
    cluster_ = owned_.get();
    timings_.cluster_ms = ms_since(start);
  }
  return *cluster_;
}

Loaded Loader::load(const Source& source) {
  Loaded loaded = load_unscoped(source);
  model::narrow(loaded.catalog, scope_);
  return loaded;
}

Loaded Loader::load_unscoped(const Source& source) {
  const auto start = std::chrono::steady_clock::now();
  Loaded loaded;
  switch (source.kind) {
    case Source::Kind::Empty:
      loaded.catalog = load::empty_database_catalog();
      return loaded;
    case Source::Kind::Database: {
      auto result = introspect::introspect(source.url);
      loaded.catalog = std::move(result.catalog);
      loaded.warnings = introspect::warning_lines(result.warnings);
      std::lock_guard lock(mutex_);
      timings_.live_introspect_ms += ms_since(start);
      return loaded;
    }
    case Source::Kind::Migrations: {
      const auto list = source.list ? *source.list : replay::read_verified(source.path);
      const auto key = cache_ ? CatalogCache::key(list) : "";
      if (auto cached = cache_ ? cache_->find(key) : std::nullopt) return cache_hit(std::move(*cached), start);
      loaded.catalog = replay::catalog(cluster(), list);
      if (cache_) cache_->store(key, loaded);
      std::lock_guard lock(mutex_);
      timings_.replay_ms += ms_since(start);
      return loaded;
    }
    case Source::Kind::Files:
      break;
  }
  const auto files = load::read_schema_files(source.path);
  const auto key = cache_ ? CatalogCache::key(files) : "";
  if (auto cached = cache_ ? cache_->find(key) : std::nullopt) return cache_hit(std::move(*cached), start);
  loaded = load::load_schema(cluster(), files);
  if (cache_) cache_->store(key, loaded);
  std::lock_guard lock(mutex_);
  timings_.load.create_database_ms += loaded.timings.create_database_ms;
  timings_.load.execute_ms += loaded.timings.execute_ms;
  timings_.load.introspect_ms += loaded.timings.introspect_ms;
  return loaded;
}

Loaded Loader::cache_hit(Loaded loaded, std::chrono::steady_clock::time_point start) {
  std::lock_guard lock(mutex_);
  ++timings_.cache_hits;
  timings_.cache_ms += ms_since(start);
  return loaded;
}

std::pair<Loaded, Loaded> Loader::load_both(const Source& first, const Source& second) {
  const auto start = std::chrono::steady_clock::now();
  auto first_loaded = std::async(std::launch::async, [&] { return load(first); });
  Loaded second_loaded;
  try {
    second_loaded = load(second);
  } catch (...) {
    first_loaded.wait();  // never leave the other load running against a cluster about to be released
    throw;
  }
  std::pair result{first_loaded.get(), std::move(second_loaded)};
  timings_.sources_wall_ms = ms_since(start);
  return result;
}

diff::Options diff_options(const Loaded& to) {
  diff::Options options;
  options.renames = load::renames_from_pragmas(to.pragmas);
  options.label_renames = load::label_renames_from_pragmas(to.pragmas);
  for (const auto& pragma : to.pragmas) {
    if (pragma.name == "allow-destructive") options.approved_destructive.insert(pragma.object_key);
  }
  return options;
}

}  // namespace strata::source
