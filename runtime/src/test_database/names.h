// How test-database names encode who owns them, so that any process can tell what to clean up.
//
//   strata_tpl_<key>                       the template (IS_TEMPLATE, no connections)
//   strata_tpl_<key>_build                 a template being built (under the advisory lock)
//   strata_r_<key>_<pid>_<epoch>_<n>       a ready clone (made by process <pid>, owned by nobody)
//   strata_t_<key>_<pid>_<epoch>_<n>       a test's database, owned by process <pid> since <epoch>
//   strata_s_<key>_<pid>_<epoch>_<n>       a detached database (strata test-db start)
//
// <key> is the first 12 hex digits of the migrations' key; <epoch> is Unix seconds.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace strata::testdb::detail {

constexpr std::size_t kKeyChars = 12;

std::string short_key(const std::string& key);
std::string build_name(const std::string& key);
// Kind is 'r', 't' or 's'.
std::string clone_name(char kind, const std::string& key, int counter);
// LIKE pattern (with escaped underscores) matching every clone of `kind` (for one key when given).
std::string clone_pattern(char kind, const std::string& key = "");

struct CloneName {
  char kind = 0;
  std::string key;  // short key
  pid_t pid = 0;
  std::int64_t epoch = 0;
};
std::optional<CloneName> parse_clone_name(const std::string& name);
std::optional<std::string> parse_template_name(const std::string& name);  // -> short key

// Two int4 advisory lock keys (taken on the `postgres` database, so they never meet the
// runner's locks, which live in the migrated database): one to build a template, one to fill
// its ready clones.
constexpr int kBuildLockClass = 0x73746462;  // "stdb"
constexpr int kFillLockClass = 0x73746463;
int lock_key(const std::string& key);

std::int64_t now_epoch();

}  // namespace strata::testdb::detail
