// `strata codegen`: typed C++ accessors generated from the catalog the migrations build
// (docs/accessors.md).
//
//   migrations/*.sql ──replay──▶ scratch db ──introspect──▶ Catalog ──generate──▶ files
//
// generate() is a pure function of the catalog and the options: one header per table, view and
// enum, an umbrella header, a fixed number of implementation shards (tables assigned by a stable
// hash of their key), and migrations.cpp with the migration texts compiled in. write_files()
// writes only what changed, so unchanged headers keep their mtime and nothing that includes
// them recompiles.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "strata/error.h"
#include "strata/migrations.h"
#include "strata/model.h"
#include "strata/queries.h"

namespace strata::codegen {

// Bad input (an unmapped type, a bad override file, a bad namespace): the build must fail.
// what() is one line; `details` the lines that explain it.
class CodegenError : public Error {
 public:
  using Error::Error;
};

// --- the type override file (--types) ---
// {"types": {"<SQL type>": {"cpp": "my::Inet", "include": "my/inet.h",
//                           "to_text": "my::to_text", "from_text": "my::inet_from_text"}}}
// The SQL type is spelled as PostgreSQL's format_type prints it: "inet", "public.citext",
// "character varying(20)" (a key with a type modifier matches only that modifier; one without
// matches them all). "include" may be a string or a list ("<x>" or "x" for "x"). "to_text" names
// a function std::string(const T&) producing PostgreSQL input text, "from_text" a function
// T(std::string_view) reading PostgreSQL output text; either defaults to the built-in
// strata::accessors::to_text / from_text<T> (docs/accessors.md).
struct TypeOverride {
  std::string cpp;
  std::vector<std::string> includes;  // as written after #include: <x.h> or "x.h"
  std::string to_text;
  std::string from_text;
};
using TypeOverrides = std::map<std::string, TypeOverride>;

TypeOverrides parse_type_overrides(const nlohmann::json& json);  // throws CodegenError
TypeOverrides read_type_overrides(const std::filesystem::path& file);

// --- names (docs/accessors.md, "Names") ---

// C++ keywords, alternative tokens and the standard library's macros (NULL, errno, ...).
bool is_reserved_word(std::string_view word);
// The C++ identifier for a SQL name before collisions are resolved: the name itself when it is a
// valid identifier that is not reserved, else every run of characters outside [A-Za-z0-9_]
// becomes one '_', double underscores are collapsed, and the result gets a leading '_' when it
// starts with a digit, a leading 'x' when it starts with '_' + uppercase letter, a trailing '_'
// when it is reserved; "" becomes "_".
std::string mangle(std::string_view sql_name);

// Assigns identifiers in one C++ scope. Names whose mangle() is themselves are placed first
// (in the given order) and keep their identifier; the others follow in bytewise order of their
// SQL name; a clash with `reserved` or an earlier identifier appends _2, _3, ... So a name's
// identifier never depends on names that mangle differently, unless two mangle alike.
std::vector<std::string> assign_names(const std::vector<std::string>& sql_names,
                                      const std::set<std::string>& reserved = {});

// --- sharding ---
// The shard (0..shards-1) of the object with model key `key`: FNV-1a (64 bit) of the key,
// modulo `shards`. Depends on nothing but the key and the count.
int shard_of(const std::string& key, int shards);
std::string shard_file(int shard);  // "src/shard_07.cpp"
constexpr int kMaxShards = 100;

// --- generation ---
struct Options {
  std::string cpp_namespace = "db";  // "app::db"
  TypeOverrides overrides;
  int shards = 4;
  // Compiled into migrations.cpp; the newest version is the schema version.
  std::vector<migrations::Migration> migrations;
  // Typed queries, described (queries::describe): a header and a source per file.
  std::vector<queries::QueryFile> queries;
};

// Relative path ("include/app/db/users.h", "src/shard_00.cpp") -> content.
using Files = std::map<std::string, std::string>;

// Throws CodegenError naming every column whose type has no mapping (all of them at once).
Files generate(const model::Catalog& catalog, const Options& options);

// --- writing ---
struct WriteReport {
  std::vector<std::string> written;    // new or changed
  std::vector<std::string> unchanged;  // same content: not touched (mtime kept)
  std::vector<std::string> removed;    // generated before, not any more
};

// Writes `files` under `out`, each only when its content differs from what is on disk (written
// to a temporary file and renamed into place). Files listed in the manifest of the previous run
// (<out>/.strata-codegen-files) that are no longer generated are removed. The manifest itself
// is rewritten only when the set of files changes.
WriteReport write_files(const std::filesystem::path& out, const Files& files);
constexpr const char* kManifestFile = ".strata-codegen-files";

}  // namespace strata::codegen
