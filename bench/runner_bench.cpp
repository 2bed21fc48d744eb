// Benchmark for the migration runner (issue 4): applying N small migrations with
// runner::migrate vs. `psql -X -q -1 -f` of the same SQL concatenated (the floor: PostgreSQL
// executing the statements once, in one transaction, with no bookkeeping). Both run against
// fresh databases on one throwaway cluster, alternating, in the same process run.
//
// Reports the medians, the ratio, and the per-migration overhead (runner - psql) / N, the
// number the target is about (< 2 ms).
// Run: build/bench/runner_bench [migrations] [repetitions]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <boost/process.hpp>

#include "generated_schema.h"
#include "strata/cluster.h"
#include "strata/migrations.h"
#include "strata/runner.h"

namespace {

namespace bp = boost::process;
namespace fs = std::filesystem;
using bench_schema::Clock;
using bench_schema::median;
using bench_schema::ms_since;

// A small, typical migration: a table, an index and a row.
std::string migration_sql(int i) {
  const std::string t = "t" + std::to_string(i);
  return "CREATE TABLE " + t + " (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\n" +
         "CREATE INDEX " + t + "_name ON " + t + " (name);\n" +
         "INSERT INTO " + t + " (id, name) VALUES (1, 'row');\n";
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string version_of(int i) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "2026010100%04d", i);  // 14 digits, increasing
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 500;
  const int repetitions = argc > 2 ? std::stoi(argv[2]) : 3;

  const fs::path work = fs::temp_directory_path() / ("strata-runner-bench-" + std::to_string(::getpid()));
  const fs::path directory = work / "migrations";
  fs::create_directories(directory);
  std::string concatenated;
  for (int i = 0; i < count; ++i) {
    const std::string sql = migration_sql(i);
    write_file(directory / (version_of(i) + "_create_t" + std::to_string(i) + ".sql"), sql);
    concatenated += sql;
  }
  write_file(work / "all.sql", concatenated);
  const auto migrations = strata::migrations::read_directory(directory);

  auto cluster = strata::runtime::EphemeralCluster::start();
  const auto psql = cluster->binaries().tool("psql");

  std::vector<double> floor_ms, runner_ms;
  for (int r = 0; r < repetitions; ++r) {
    {
      strata::runtime::ScratchDatabase db(*cluster, "bench_psql");
      const auto start = Clock::now();
      const int exit_code = bp::system(psql.string(), "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d",
                                       db.connection_string(), "-f", (work / "all.sql").string(), bp::std_out > bp::null);
      floor_ms.push_back(ms_since(start));
      if (exit_code != 0) {
        std::cerr << "psql failed\n";
        return 1;
      }
    }
    {
      strata::runtime::ScratchDatabase db(*cluster, "bench_runner");
      strata::runner::RunOptions options;
      options.check_row_counts = true;  // the default, so the bookkeeping users get is measured
      const auto start = Clock::now();
      const auto report = strata::runner::migrate(db.connection_string(), migrations, options);
      runner_ms.push_back(ms_since(start));
      if (static_cast<int>(report.applied.size()) != count) {
        std::cerr << "runner applied " << report.applied.size() << " of " << count << "\n";
        return 1;
      }
    }
  }
  fs::remove_all(work);

  const double floor = median(floor_ms);
  const double runner = median(runner_ms);
  std::printf("migrations: %d, repetitions: %d\n", count, repetitions);
  std::printf("psql -1 -f (floor):   %8.1f ms\n", floor);
  std::printf("strata runner:        %8.1f ms\n", runner);
  std::printf("ratio:                %8.2fx\n", runner / floor);
  std::printf("overhead / migration: %8.3f ms (target < 2 ms)\n", (runner - floor) / count);
  return 0;
}
