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

namespace {

// Members added to a family the schema does not create (PostgreSQL's integer_ops, an extension's
// gist_int4_ops) are parts of an object the model leaves out: fail closed, at the statement.
// CREATE OPERATOR CLASS without FAMILY creates the family of the same name.
void refuse_members_of_undeclared_families(const LoadedSchema& loaded,
                                           const std::map<std::string, SourceLocation>& altered_families) {
  for (const auto& [family, location] : altered_families) {
    const std::string as_class = "operator_class:" + family.substr(family.find(':') + 1);
    if (loaded.declarations.count(family) || loaded.declarations.count(as_class)) continue;
    throw SchemaError(location,
                      "cannot declare this: ALTER OPERATOR FAMILY changes " + family.substr(family.find(':') + 1) +
                          ", which this schema does not create (PostgreSQL's or an extension's family): strata does "
                          "not model members added to it",
                      "", "", {},
                      "declare an operator family of your own (CREATE OPERATOR FAMILY) and add the members to it");
  }
}

// The pragmas and declarations of the files, read without a database (their statements parsed):
// a LoadedSchema without its catalog.
LoadedSchema read_annotations(const std::vector<SourceFile>& files) {
  LoadedSchema loaded;
  std::map<std::string, SourceLocation> altered_families;
  for (const auto& file : files) {
    auto annotations = annotate(file);
    loaded.pragmas.insert(loaded.pragmas.end(), annotations.pragmas.begin(), annotations.pragmas.end());
    loaded.declarations.merge(annotations.declarations);  // the first declaration of a key wins
    altered_families.merge(annotations.altered_families);
  }
  refuse_members_of_undeclared_families(loaded, altered_families);
  return loaded;
}

}  // namespace

LoadedSchema load_schema(const runtime::Cluster& cluster, const std::vector<SourceFile>& files) {
  LoadedSchema loaded = read_annotations(files);
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
