// `strata import --from TOOL DIR`: another migration tool's history as strata migrations, so a team
// switches without renaming hundreds of files; and what `strata baseline --from-history TOOL`
// needs to record, on a database that tool migrated, the same migrations as applied.
//
// Every imported up file starts with `-- imported from <tool>: <id>` (the id the tool's history
// table records: a version, a change name, a folder name), which is how a baseline matches the
// tool's history rows to strata's migrations. Versions: the tool's own when every one is a
// number of at most 14 digits (timestamps, 1, 2, 3: zero-padded, so they keep their order);
// otherwise (Flyway's 1.1, sqitch's names, Liquibase's changesets) 1, 2, 3... in the tool's
// order. Each tool's no-transaction marker becomes `-- strata:no-transaction`; a file with a
// statement PostgreSQL refuses in a transaction block (CREATE INDEX CONCURRENTLY) gets it too.
// What strata has no equivalent for is refused with the reason (Flyway's repeatable R__ files,
// goose's Go migrations, JavaScript migrations, sqitch's reworked changes).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/error.h"
#include "strata/migrations.h"

namespace strata::importer {

enum class Tool { flyway, liquibase, golang_migrate, goose, dbmate, sqitch, diesel, sqlx, node_pg_migrate, prisma, drizzle };

const std::vector<std::string>& tool_names();  // "flyway", "liquibase", "golang-migrate", ...
std::string to_string(Tool tool);
Tool parse_tool(const std::string& name);  // throws strata::Error listing the tools

struct Imported {
  std::string id;       // what the tool's history records for it
  std::string number;   // its number, when the tool numbers migrations (timestamps, 1, 2...)
  std::string version;  // strata's: 14 digits
  std::string slug;
  std::string up;
  std::optional<std::string> down;
  bool no_transaction = false;
  std::filesystem::path source;  // the tool's file (or folder) it came from
};

// Reads `directory` in `tool`'s layout, in the order the tool applies the migrations. Throws
// strata::Error naming the file for what cannot be imported.
std::vector<Imported> read(Tool tool, const std::filesystem::path& directory);

// Writes the migrations into `out` (created; it must hold no migration yet) with their
// strata.sum. Returns the files written.
std::vector<std::filesystem::path> write(Tool tool, const std::vector<Imported>& migrations,
                                         const std::filesystem::path& out);

// The `-- imported from <tool>: <id>` line of an imported up file, or nullopt.
struct Origin {
  std::string tool;
  std::string id;
};
std::optional<Origin> origin_of(const std::string& up_sql);

// What the tool's history table on `connection` says is applied: the ids of its rows, or (golang-
// migrate keeps one row) only the newest, everything before it being applied too. Throws
// strata::Error when the table is missing or says a migration failed (Flyway's success = false,
// golang-migrate's dirty flag, a Prisma migration not finished).
struct AppliedHistory {
  std::vector<std::string> ids;
  bool newest_only = false;
  std::string table;  // where it was read, for messages
};
AppliedHistory applied_history(Tool tool, const std::string& connection);

// The objects of the tool's own bookkeeping (schema.table, or a schema), which its migrations
// do not build: left out when a baseline compares the database with the migrations.
std::vector<std::string> history_objects(Tool tool);

// The strata version a database whose `history` the tool recorded is at: the newest of the
// imported migrations (matched by their `-- imported from` line) the history names. Throws
// strata::Error when the history names a migration no imported file has, or (histories with a row
// per migration) when an imported migration older than that is not in it (a gap a baseline
// cannot record).
std::string baseline_version(Tool tool, const std::vector<migrations::Migration>& migrations, const AppliedHistory& history);

}  // namespace strata::importer
