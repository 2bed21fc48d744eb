// Running the real `strata` binary as a user would: the one way strata's CLI tests start it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::testing {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::string all() const { return "stdout:\n" + out + "stderr:\n" + err; }
};

// Variables the child gets on top of ours; std::nullopt removes one.
using Variables = std::map<std::string, std::optional<std::string>>;

// Runs `strata --no-cluster-cache ARGS...` (the binary this build made) in `directory` with stdin
// from /dev/null (not a terminal), and returns its exit code, stdout and stderr. The variables the
// runner tests set (DEV_/TEST_/PROD_/STAGING_DATABASE_URL, STRATA_DEV_DIR) are never inherited
// from whoever runs the tests, only taken from `variables`.
Run run_strata(const std::vector<std::string>& arguments,
               const std::filesystem::path& directory = std::filesystem::current_path(),
               const Variables& variables = {});

}  // namespace strata::testing
