// What makes promotion safe beyond the runner's own guarantees (docs/environments.md): a
// protected environment is confirmed by a person, receives only what the environment before it
// in strata.json has applied, and is backed up before it changes.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "strata/promote/target.h"

namespace strata::promote {

// Asks a person `prompt` and returns the answer; nullopt when nobody can be asked (no terminal).
using Ask = std::function<std::optional<std::string>(const std::string& prompt)>;

// A protected environment needs `yes`, or its name typed in answer to `ask`. `what` says what is
// about to happen ("apply 2 migrations to it"). Throws strata::Error when not confirmed;
// nothing for an environment that is not protected.
void confirm_if_protected(const Target& target, bool yes, const std::string& what, const Ask& ask);

// For a protected environment: refuses (runner::RunnerError listing them) pending migrations that
// the environment before it in the promotion order has not applied, has only partly applied, or
// applied from a different file (checksums differ). The previous environment's URL must be set.
void check_promotion_order(const Context& context, const std::vector<const migrations::Migration*>& pending);

// Backs the target up (pg_dump -Fc into the project's backup directory) when its environment
// asks for it and `no_backup` is false; returns the dump's path.
std::optional<std::filesystem::path> backup_if_configured(const Context& context, bool no_backup);

}  // namespace strata::promote
