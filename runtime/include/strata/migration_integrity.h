// strata.sum: the integrity file that makes editing, deleting or reordering an applied migration
// impossible to miss. One line per file with a SHA-256 chained over every earlier file
// (docs/migrations.md). Part of the tool library: applications that only embed their migrations
// have them checked at build time (strata codegen) and never read it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "strata/migrations.h"

namespace strata::migrations {

constexpr const char* kIntegrityFileName = "strata.sum";

// What `strata.sum` should say for the files in `directory`, in the order they apply.
std::string integrity_file_text(const std::vector<Migration>& migrations);

// Problems with `strata.sum`, each naming a file: edited, deleted, added without `strata hash`,
// reordered, or the sum file missing or hand-edited. Empty when everything matches.
std::vector<std::string> verify_integrity(const std::filesystem::path& directory,
                                          const std::vector<Migration>& migrations);

// Writes `strata.sum` for the directory (what `strata hash` does deliberately).
void write_integrity_file(const std::filesystem::path& directory, const std::vector<Migration>& migrations);

std::string sha256_hex(const std::string& data);

}  // namespace strata::migrations
