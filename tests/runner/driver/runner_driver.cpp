// strata_runner_driver CONNECTION DIRECTORY: runner::migrate in a process of its own, for the
// runner tests that need several runners at once or a runner killed at a random moment.
// Exit status: 0 applied or already current, 1 the run failed (message on stderr), 2 usage.
#include <cstdio>
#include <exception>
#include <string>

#include "strata/migrations.h"
#include "strata/runner.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CONNECTION DIRECTORY\n", argv[0]);
    return 2;
  }
  try {
    strata::runner::RunOptions options;
    options.lock_wait = std::chrono::seconds(30);
    options.lock_poll = std::chrono::milliseconds(10);
    options.strata_version = "driver";
    const auto report = strata::runner::migrate(argv[1], strata::migrations::read_directory(argv[2]), options);
    std::printf("applied %zu%s\n", report.applied.size(), report.already_current ? " (already current)" : "");
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
}
