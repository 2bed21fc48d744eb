#include "strata/introspect.h"
#include "strata/load.h"
#include "strata/runner.h"
#include "strata/stopwatch.h"

namespace strata::load {

const SourceLocation* LoadedSchema::declared_at(const std::string& key) const {
  if (const auto found = declarations.find(key); found != declarations.end()) return &found->second;
  if (key.rfind("function:", 0) == 0) {  // declared without its argument types
    if (const auto found = declarations.find(key.substr(0, key.find('('))); found != declarations.end()) return &found->second;
  }
  if (const auto* object = catalog.find(key); object != nullptr && !object->parent.empty()) return declared_at(object->parent);
  return nullptr;
}

LoadedSchema load_schema(const runtime::Cluster& cluster, const std::vector<SourceFile>& files) {
  LoadedSchema loaded;
  for (const auto& file : files) {
    auto annotations = annotate(file);
    loaded.pragmas.insert(loaded.pragmas.end(), annotations.pragmas.begin(), annotations.pragmas.end());
    loaded.declarations.merge(annotations.declarations);  // the first declaration of a key wins
  }
  auto start = std::chrono::steady_clock::now();
  runtime::ScratchDatabase scratch(cluster, "strata_load");
  loaded.timings.create_database_ms = ms_since(start);

  start = std::chrono::steady_clock::now();
  execute_statements(scratch.connection_string(), files);
  loaded.timings.execute_ms = ms_since(start);

  start = std::chrono::steady_clock::now();
  auto result = introspect::introspect(scratch.connection_string());
  loaded.timings.introspect_ms = ms_since(start);
  // The history schema is the runner's: a declared one would be invisible to every comparison.
  if (result.history_schema) {
    const auto* where = loaded.declared_at(std::string("schema:") + runner::kHistorySchema);
    throw SchemaError(where ? *where : SourceLocation{files.empty() ? "" : files.front().path, 1, 1},
                      std::string("schema ") + runner::kHistorySchema +
                          " is strata's own (the migration history lives there): give the application's schema "
                          "another name");
  }
  loaded.catalog = std::move(result.catalog);
  loaded.warnings = introspect::warning_lines(result.warnings);
  return loaded;
}

}  // namespace strata::load
