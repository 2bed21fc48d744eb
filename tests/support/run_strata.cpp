#include "run_strata.h"

#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <boost/process.hpp>

#include "strata/child_environment.h"

namespace strata::testing {

namespace bp = boost::process;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The variables tests set; never inherited from whoever runs the tests.
const char* const kTestVariables[] = {"DEV_DATABASE_URL", "TEST_DATABASE_URL", "PROD_DATABASE_URL", "STAGING_DATABASE_URL",
                                      "STRATA_DEV_DIR"};

}  // namespace

Run run_strata(const std::vector<std::string>& arguments, const fs::path& directory, const Variables& variables) {
  auto environment = runtime::ChildEnvironment::inherited();
  for (const char* name : kTestVariables) environment.set(name, std::nullopt);
  for (const auto& [name, value] : variables) environment.set(name, value);
  std::vector<std::string> args = {"--no-cluster-cache"};
  args.insert(args.end(), arguments.begin(), arguments.end());
  // Files, not pipes: a command that prints much on both streams cannot block on either.
  char pattern[] = "/tmp/strata-cli-run-XXXXXX";
  const int fd = ::mkstemp(pattern);
  ::close(fd);
  const fs::path out_file = pattern, err_file = std::string(pattern) + ".err";
  bp::child child(STRATA_CLI_PATH, bp::args(args), environment, bp::start_dir = directory.string(),
                  bp::std_in < bp::null, bp::std_out > out_file.string(), bp::std_err > err_file.string());
  child.wait();
  Run run;
  run.exit_code = child.exit_code();
  run.out = read_file(out_file);
  run.err = read_file(err_file);
  fs::remove(out_file);
  fs::remove(err_file);
  return run;
}

}  // namespace strata::testing
