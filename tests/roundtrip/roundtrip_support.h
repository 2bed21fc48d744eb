// Shared machinery of the round-trip suites: load a schema into a database, apply a diff to
// it, and compare what the database then holds with what it should hold, by two independent
// oracles: strata's own catalog model, and `pg_dump --schema-only` of both databases.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "strata/cluster.h"
#include "strata/load.h"
#include "strata/model.h"

namespace strata::roundtrip {

std::string read_text(const std::filesystem::path& path);

// Creates database `name` on the shared cluster and runs `sql` (or files) in it.
void create_database_with(const std::string& name, const std::vector<load::SourceFile>& files);
model::Catalog introspect_database(const std::string& name);

using model::comparable;  // the catalog as the diff compares it: column positions left out

// pg_dump --schema-only of a database, without owners and privileges (not modelled yet) and
// without the lines that vary per run.
std::string schema_dump(const std::string& database);

// `diff -u` of two dumps, at most `max_lines` lines, for failure messages.
std::string unified_diff(const std::string& expected, const std::string& actual, int max_lines = 80);

// Applies `sql` to `database`; on failure the SchemaError carries the migration line.
void apply_sql(const std::string& database, const std::string& sql);

// A readable list of the objects that differ between two catalogs (for failure messages).
std::string describe_differences(const model::Catalog& expected, const model::Catalog& actual);

// Row count and an md5 over the named columns of every table, to prove data survived.
struct TableFingerprint {
  long long rows = 0;
  std::string digest;
};
TableFingerprint fingerprint(const std::string& database, const std::string& qualified_table,
                             const std::vector<std::string>& columns);

}  // namespace strata::roundtrip
