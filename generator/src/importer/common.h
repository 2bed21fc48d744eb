// What the importer's readers share: reading files, slugs, the transaction wrapper some tools'
// files carry, and the no-transaction test.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "strata/importer.h"

namespace strata::importer::detail {

std::string read_text(const std::filesystem::path& path);
// [A-Za-z0-9_] only, lower case, runs of anything else one '_' ("Add users!" -> "add_users").
std::string slug_of(const std::string& text);
// The regular files of `directory` (not recursive), sorted by name.
std::vector<std::filesystem::path> files_in(const std::filesystem::path& directory);
std::vector<std::filesystem::path> directories_in(const std::filesystem::path& directory);
// A file that BEGINs and COMMITs itself (sqitch's template does) without those two statements:
// strata's runner gives every migration its transaction. Other transaction control is refused.
std::string without_transaction_wrapper(const std::string& sql, const std::filesystem::path& file);
// Whether the SQL holds a statement PostgreSQL refuses in a transaction block.
bool needs_no_transaction(const std::string& sql, const std::filesystem::path& file);
[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& why);

// The readers, one per layout family.
std::vector<Imported> read_flyway(const std::filesystem::path& directory);
std::vector<Imported> read_liquibase(const std::filesystem::path& directory);
std::vector<Imported> read_golang_migrate(const std::filesystem::path& directory);
std::vector<Imported> read_sqlx(const std::filesystem::path& directory);
std::vector<Imported> read_goose(const std::filesystem::path& directory);
std::vector<Imported> read_dbmate(const std::filesystem::path& directory);
std::vector<Imported> read_node_pg_migrate(const std::filesystem::path& directory);
std::vector<Imported> read_sqitch(const std::filesystem::path& directory);
std::vector<Imported> read_diesel(const std::filesystem::path& directory);
std::vector<Imported> read_prisma(const std::filesystem::path& directory);
std::vector<Imported> read_drizzle(const std::filesystem::path& directory);

}  // namespace strata::importer::detail
