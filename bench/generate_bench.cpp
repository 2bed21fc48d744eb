// Benchmark for `strata generate` (issue 3): a migrations directory holding one migration that
// creates a generated 1,000-table schema, and a declared schema with about 10% of the tables
// changed (the schema generator of diff_bench.cpp). Reports the whole process and the split
// printed by `strata --timings generate`: replay (migrations -> scratch db -> catalog), load
// (declared schema -> catalog), both side by side, diff, proof (of which the proof on data),
// write; and the same generate with `--proof-rows 0` in the same run, for the cost of proving on
// rows as a ratio (issue 15's target: at most 1.5x).
// Run: build/bench/generate_bench [repetitions]
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

#include "generated_schema.h"

namespace {

namespace bp = boost::process;
namespace fs = std::filesystem;
using bench_schema::Clock;
using bench_schema::median;
using bench_schema::ms_since;

struct Command {
  int exit_code;
  double ms;
  std::string out;
  std::string err;
};

Command run_strata(const std::vector<std::string>& args, bool catalog_cache = true) {
  bp::ipstream out, err;
  bp::environment environment = boost::this_process::environment();  // a copy: ours stays as it is
  if (!catalog_cache) environment["STRATA_CATALOG_CACHE"] = "off";
  const auto start = Clock::now();
  bp::child child(STRATA_CLI_PATH, bp::args(args), environment, bp::std_out > out, bp::std_err > err);
  std::string out_text(std::istreambuf_iterator<char>(out), {});
  std::string err_text(std::istreambuf_iterator<char>(err), {});
  child.wait();
  return {child.exit_code(), ms_since(start), out_text, err_text};
}

nlohmann::json timings_of(const std::string& err) {
  const auto at = err.find("timings: ");
  if (at == std::string::npos) return {};
  return nlohmann::json::parse(err.substr(at + 9, err.find('\n', at) - at - 9));
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::stoi(argv[1]) : 3;
  const fs::path work = fs::temp_directory_path() / ("strata-generate-bench-" + std::to_string(::getpid()));
  const auto schema = work / "schema";
  const auto migrations = schema / "migrations";
  fs::create_directories(schema);
  const auto base_args = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"--no-cluster-cache", "--timings", "generate", "--schema", schema.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };

  // The history: one migration creating version 1.
  std::ofstream(schema / "schema.sql") << bench_schema::generated_schema(1000, false);
  const auto first = run_strata(base_args({"--name", "initial"}));
  if (first.exit_code != 0) {
    std::cerr << "initial generate failed: " << first.err;
    fs::remove_all(work);
    return 1;
  }
  const auto pristine = work / "pristine";
  fs::copy(migrations, pristine);
  std::ofstream(schema / "schema.sql") << bench_schema::generated_schema(1000, true);

  std::printf("strata generate benchmark: 1000 tables, 10%% changed, median of %d (private cluster per run)\n", repetitions);
  std::printf("first migration (empty -> 1000 tables): %.1f ms, split %s\n", first.ms, timings_of(first.err).dump().c_str());
  std::vector<double> totals, empty_totals;
  std::vector<nlohmann::json> splits;
  for (int i = 0; i < repetitions; ++i) {
    for (const bool on_rows : {true, false}) {
      fs::remove_all(migrations);
      fs::copy(pristine, migrations);
      auto args = base_args({"--allow-destructive"});
      if (!on_rows) args.insert(args.end(), {"--proof-rows", "0"});
      const auto run = run_strata(args);
      if (run.exit_code != 0) {
        std::cerr << "generate failed: " << run.err;
        fs::remove_all(work);
        return 1;
      }
      if (!on_rows) {
        empty_totals.push_back(run.ms);
        std::printf("  run %d, empty tables: %.1f ms\n", i + 1, run.ms);
        continue;
      }
      totals.push_back(run.ms);
      splits.push_back(timings_of(run.err));
      std::printf("  run %d: %.1f ms %s\n", i + 1, run.ms, splits.back().dump().c_str());
    }
  }
  const auto median_of = [&](const char* key) {
    std::vector<double> values;
    for (const auto& split : splits) values.push_back(split.value(key, 0.0));
    return median(values);
  };
  std::printf("median: total %.1f ms | cluster %.1f | replay %.1f | load %.1f | replay||load wall %.1f | diff %.1f | proof %.1f | write %.1f\n",
              median(totals), median_of("cluster_ms"), median_of("replay_ms"), median_of("load_ms"),
              median_of("sources_wall_ms"), median_of("diff_ms"), median_of("proof_ms"), median_of("write_ms"));
  std::printf("proof on data: %.1f ms; generate %.1f ms vs %.1f ms on empty tables only: %.2fx\n",
              median_of("data_proof_ms"), median(totals), median(empty_totals), median(totals) / median(empty_totals));

  // Nothing changed (what db-check and CI run on every build): the migrations now cover the
  // declared schema. Once settled, the catalog cache answers without a cluster (issue 16's
  // target: at most 300 ms); with the cache off, both are loaded every time.
  const auto check = base_args({"--check"});
  run_strata(check);  // settles, and keeps what it loaded
  std::vector<double> cached, uncached;
  for (int i = 0; i < repetitions; ++i) {
    const auto hit = run_strata(check);
    const auto miss = run_strata(check, false);
    if (hit.exit_code != 0 || miss.exit_code != 0) {
      std::cerr << "generate --check failed: " << hit.err << miss.err;
      fs::remove_all(work);
      return 1;
    }
    cached.push_back(hit.ms);
    uncached.push_back(miss.ms);
  }
  std::printf("nothing changed (generate --check): %.1f ms from the catalog cache, %.1f ms loading both (%.1fx)\n",
              median(cached), median(uncached), median(uncached) / median(cached));
  fs::remove_all(work);
  return 0;
}
