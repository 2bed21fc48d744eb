// Directories shared with the PostgreSQL server account, created so that nobody else can plant
// or half-see them; used by the cached cluster and the development database.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace strata::runtime {

// Creates `dir` (mode 0700, owned by `owner`) or checks that the existing one is such: a real
// directory (not a symlink), owned by `owner`, closed to group and others. The directory is made
// and handed over under a private name, then renamed into place without replacing anything, so
// a concurrent caller never sees it half set up (still owned by root). Throws otherwise.
void ensure_private_directory(const std::filesystem::path& dir, uid_t owner, gid_t group);

}  // namespace strata::runtime
