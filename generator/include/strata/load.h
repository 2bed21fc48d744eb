// Loading a declared schema: .sql files -> statements -> a scratch database -> the model.
//
// PostgreSQL itself is the interpreter: the statements are executed one by one in a fresh
// database on a throwaway cluster, then the database is introspected. That way types,
// defaults and implicit names are normalised exactly as a real deployment would normalise
// them, and anything PostgreSQL accepts (DO blocks, functions, pg_dump output) works.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "strata/cluster.h"
#include "strata/model.h"
#include "strata/sql_source.h"

namespace strata::load {

// Statements, source locations and errors are shared with the migration runner (sql_source.h).
using SourceLocation = sql::SourceLocation;
using Statement = sql::Statement;
using SourceFile = sql::SourceFile;
using SchemaError = sql::SqlError;
using sql::IncrementalLocator;
using sql::locate;
using sql::referenced_roles;
using sql::split_statements;

// The .sql files of a declared schema: the file itself, or every *.sql under a directory in
// path order (sub-directories named `migrations` and `seed` are not schema and are skipped).
// Throws SchemaError when the path does not exist or holds no .sql file.
std::vector<SourceFile> read_schema_files(const std::filesystem::path& path);

struct LoadTimings {
  double create_database_ms = 0;
  double execute_ms = 0;
  double introspect_ms = 0;
};

// The catalog of a database freshly created from template0 (`public` and plpgsql), which is
// what `empty` means as a diff source. Tests check it against a real fresh database.
model::Catalog empty_database_catalog();

// A `-- strata:<name> [value]` comment in a declared schema, attached to the object it stands
// next to: the line(s) right before a CREATE statement annotate that object; a comment inside a
// CREATE TABLE's parentheses right before a column annotates that column. Known pragmas:
// `renamed-from <old name>` (table or column) and `allow-destructive` (any object).
struct SchemaPragma {
  std::string object_key;  // model key of the annotated object, e.g. "column:public.users.email"
  std::string name;        // "renamed-from"
  std::string value;       // "mail" (empty for flags)
  SourceLocation location;
};

// What the comments and CREATE statements of one file say: its pragmas, and where each object
// it declares is (model key -> the CREATE statement's first token, or the column or named
// constraint inside CREATE TABLE; functions as "function:SCHEMA.NAME", without argument types).
// Unqualified names mean schema `public`. One parse of the file serves both.
struct FileAnnotations {
  std::vector<SchemaPragma> pragmas;
  std::map<std::string, SourceLocation> declarations;
  std::map<std::string, SourceLocation> altered_families;  // ALTER OPERATOR FAMILY ... ADD / DROP
};
FileAnnotations annotate(const SourceFile& file);

// Finds the pragmas of a file (libpg_query scanner for the comments, parser for the objects).
// Unknown pragma names, a missing or extra value, a pragma not on its own line and pragmas that
// annotate nothing are SchemaErrors at their location. Unqualified names mean schema `public`.
// A file the parser rejects yields no pragmas (executing it reports the syntax error).
std::vector<SchemaPragma> find_schema_pragmas(const SourceFile& file);

// The `renamed-from` pragmas as diff::Options::renames wants them: key in the declared schema
// -> key in the database (a column of a renamed table is looked up under the table's old name:
// "column:public.accounts.email" -> "column:public.users.mail"). Two renamed-from on one object
// are a SchemaError.
std::map<std::string, std::string> renames_from_pragmas(const std::vector<SchemaPragma>& pragmas);
// `-- strata:renamed-label old new` pragmas: type key -> old label -> new label.
std::map<std::string, std::map<std::string, std::string>> label_renames_from_pragmas(const std::vector<SchemaPragma>& pragmas);

struct LoadedSchema {
  model::Catalog catalog;
  std::vector<SchemaPragma> pragmas;  // from every file, in file order
  std::map<std::string, SourceLocation> declarations;  // FileAnnotations::declarations of every file
  std::vector<std::string> warnings;
  LoadTimings timings;

  // Where the object `key` was declared, or else the object it belongs to (a default, an
  // implicit index or constraint: its table); nullptr when the files do not say.
  const SourceLocation* declared_at(const std::string& key) const;
};

// Executes the statements of the files, in order, in a new scratch database on `cluster`,
// introspects it, and drops it again (also when a statement fails: nothing is left behind).
// Each file starts with a fresh session state (RESET ALL), as if run by its own psql. A schema
// that creates schema `strata` (the migration history's) is refused at that statement.
LoadedSchema load_schema(const runtime::Cluster& cluster, const std::vector<SourceFile>& files);

// Executes statements on an open connection, reporting the first failure as a SchemaError.
// Used by load_schema, and by tests and the runner to apply SQL with file:line:col errors.
void execute_statements(const std::string& connection_string, const std::vector<SourceFile>& files);

}  // namespace strata::load
