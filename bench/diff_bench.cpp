// Benchmark for `strata diff` (issue 2): a generated 1,000-table schema with about 10% of the
// tables changed, and the corpus files, against the floor of PostgreSQL loading the schema once
// (psql -f into a fresh database on an already running server). Reported as ratios measured in
// the same run, because machines here are noisy. Run: build/bench/diff_bench [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/process.hpp>
#include <nlohmann/json.hpp>

#include "strata/child_environment.h"
#include "generated_schema.h"
#include "strata/cluster.h"

namespace {

namespace bp = boost::process;
namespace fs = std::filesystem;
using bench_schema::Clock;
using bench_schema::median;
using bench_schema::ms_since;

struct Command {
  int exit_code;
  double ms;
  std::string err;
};

Command run(const std::string& program, const std::vector<std::string>& args,
            const strata::runtime::ChildEnvironment& env = strata::runtime::ChildEnvironment::inherited()) {
  bp::ipstream err;
  const auto start = Clock::now();
  bp::child child(program, bp::args(args), bp::std_out > bp::null, bp::std_err > err, env);
  std::string text(std::istreambuf_iterator<char>(err), {});
  child.wait();
  return {child.exit_code(), ms_since(start), text};
}

nlohmann::json timings_of(const std::string& err) {
  const auto at = err.find("timings: ");
  if (at == std::string::npos) return {};
  return nlohmann::json::parse(err.substr(at + 9, err.find('\n', at) - at - 9));
}

// PostgreSQL alone: psql -f the target schema into a fresh database on a running server.
double floor_ms(const strata::runtime::Cluster& cluster, const fs::path& file) {
  static int counter = 0;
  const std::string db = "bench_floor_" + std::to_string(counter++);
  cluster.create_database(db);
  const auto result = run(bp::search_path("psql").string(), {"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.connection_string(db), "-f", file.string()});
  cluster.drop_database(db);
  if (result.exit_code != 0) throw std::runtime_error("psql failed: " + result.err);
  return result.ms;
}

void report(const std::string& label, const strata::runtime::Cluster& cluster, const fs::path& from, const fs::path& to,
            const fs::path& cache_dir, int repetitions) {
  std::vector<double> floors, warm, cold_private;
  nlohmann::json warm_split;
  auto env = strata::runtime::ChildEnvironment::inherited();
  env.set("STRATA_CACHE_DIR", cache_dir.string());
  const auto strata_args = [&](bool cached) {
    std::vector<std::string> args;
    if (!cached) args.push_back("--no-cluster-cache");
    for (const auto& a : {"--timings", "diff", "--from"}) args.push_back(a);
    args.push_back(from.string());
    args.push_back("--to");
    args.push_back(to.string());
    return args;
  };
  const auto cold_cached = run(STRATA_CLI_PATH, strata_args(true), env);  // first use starts the cached cluster
  if (cold_cached.exit_code != 0) throw std::runtime_error(label + ": strata failed: " + cold_cached.err);
  for (int i = 0; i < repetitions; ++i) {
    floors.push_back(floor_ms(cluster, to));
    const auto w = run(STRATA_CLI_PATH, strata_args(true), env);
    warm.push_back(w.ms);
    warm_split = timings_of(w.err);
    cold_private.push_back(run(STRATA_CLI_PATH, strata_args(false), env).ms);
  }
  const double floor = median(floors);
  std::printf("%-28s floor(psql -f target) %8.1f ms | strata warm %8.1f ms (%.2fx floor) | cold, cached cluster %8.1f ms | cold, private cluster %8.1f ms\n",
              label.c_str(), floor, median(warm), median(warm) / floor, cold_cached.ms, median(cold_private));
  std::printf("%-28s warm split: %s\n", "", warm_split.dump().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::stoi(argv[1]) : 3;
  const fs::path work = fs::temp_directory_path() / ("strata-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  std::ofstream(work / "v1.sql") << bench_schema::generated_schema(1000, false);
  std::ofstream(work / "v2.sql") << bench_schema::generated_schema(1000, true);
  std::ofstream(work / "empty.sql") << "-- nothing\n";

  auto cluster = strata::runtime::EphemeralCluster::start();
  // pg_dump files name their owner; strata's loader creates such roles itself, psql does not.
  run(bp::search_path("psql").string(), {"-X", "-q", "-d", cluster->connection_string(), "-c", "CREATE ROLE postgres"});
  std::printf("strata diff benchmark, median of %d (times are wall clock, whole process)\n", repetitions);
  report("1000 tables, 10% changed", *cluster, work / "v1.sql", work / "v2.sql", work / "cache", repetitions);
  for (const auto* name : {"pagila.sql", "northwind.sql", "openstreetmap.sql"}) {
    report(std::string("empty -> ") + name, *cluster, work / "empty.sql", fs::path(STRATA_CORPUS_DIR) / name, work / "cache", repetitions);
  }
  // Stop the cached cluster this benchmark started (it would otherwise idle out by itself).
  run("/bin/sh", {"-c", "for p in " + (work / "cache").string() + "/*/data/postmaster.pid; do [ -f \"$p\" ] && kill -INT $(head -1 \"$p\"); done; true"});
  fs::remove_all(work);
  return 0;
}
