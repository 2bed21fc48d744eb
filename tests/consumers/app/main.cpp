// A consumer of strata's tool library: a throwaway PostgreSQL (strata::runtime), the embedded
// migrations applied with strata::runner::migrate, then the lean app (only the generated
// accessors) run against it. Prints "consumer ok" and exits 0 when everything worked.
#include <cstdlib>
#include <iostream>

#include "consumer/db/migrations.h"
#include "strata/cluster.h"
#include "strata/runner.h"

namespace {

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

int main() {
  try {
    auto cluster = strata::runtime::EphemeralCluster::start();
    cluster->create_database("consumer");
    const auto connection_string = cluster->connection_string("consumer");
    const auto report = strata::runner::migrate(connection_string, consumer::db::migrations());
    if (report.applied.size() != consumer::db::migrations().size()) {
      std::cerr << "expected every migration applied\n";
      return 1;
    }
    const std::string lean = std::string(CONSUMER_LEAN_APP) + " " + shell_quote(connection_string);
    if (std::system(lean.c_str()) != 0) {
      std::cerr << "the lean app failed\n";
      return 1;
    }
    std::cout << "consumer ok\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "consumer failed: " << error.what() << "\n";
    return 1;
  }
}
