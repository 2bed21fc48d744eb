// Benchmark: compile time of the generated accessors for a large schema (docs/accessors.md),
// built the way a user builds them: a small CMake project (Ninja, Release) calling
// strata_add_schema on one migration of N tables (default 1,000), plus one file of the
// "application" that includes a table's header and one that includes the umbrella header.
//
//   full        configure + build from an empty build directory (generator run included)
//   one table   then a migration adding a column to one table: the rebuild
//
// Baseline, measured in the same run: compiling one translation unit that includes only what
// every generated .cpp includes anyway (libpqxx, nlohmann/json, the runtime's support header);
// the report gives each step as a multiple of it. Per-step times come from Ninja's log
// (.ninja_log: start and end of every output).
// Run: build/bench/codegen_compile_bench [tables=1000] [shards=4] [jobs=2]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/process.hpp>

#include "generated_schema.h"
#include "strata/migration_integrity.h"

namespace {

namespace bp = boost::process;
namespace fs = std::filesystem;
using bench_schema::Clock;

double seconds_since(Clock::time_point start) { return bench_schema::ms_since(start) / 1000; }

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// Runs a command; throws with its output when it fails.
void run(const std::vector<std::string>& arguments) {
  bp::ipstream out;
  bp::child child(bp::search_path(arguments[0]), bp::args(std::vector<std::string>(arguments.begin() + 1, arguments.end())),
                  (bp::std_out & bp::std_err) > out);
  const std::string output(std::istreambuf_iterator<char>(out), {});
  child.wait();
  if (child.exit_code() != 0) throw std::runtime_error(arguments[0] + " failed:\n" + output);
}

std::string table_name(int i) {
  char name[16];
  std::snprintf(name, sizeof name, "t%04d", i);
  return name;
}

// Tables of ten columns over the common types, each but the first referencing the one before.
std::string schema_sql(int tables) {
  std::string sql;
  for (int i = 0; i < tables; ++i) {
    sql += "CREATE TABLE public." + table_name(i) +
           " (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n" +
           (i > 0 ? "  parent_id bigint REFERENCES public." + table_name(i - 1) + " (id),\n" : std::string()) +
           "  code text NOT NULL UNIQUE,\n  name text,\n  quantity integer NOT NULL DEFAULT 0,\n"
           "  price numeric(12,2),\n  active boolean NOT NULL DEFAULT true,\n"
           "  created_at timestamptz NOT NULL DEFAULT now(),\n  payload jsonb,\n  tags text[]\n);\n";
  }
  return sql;
}

// Output -> seconds, from the entries of .ninja_log written after `since_entries` (one build).
struct Step {
  std::string output;
  double seconds = 0;
};

std::vector<Step> ninja_steps(const fs::path& build, std::size_t& since_entries) {
  std::ifstream in(build / ".ninja_log");
  std::string line;
  std::vector<Step> steps;
  std::size_t entry = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (entry++ < since_entries) continue;
    std::istringstream fields(line);
    long start = 0, end = 0;
    std::string mtime, output;
    fields >> start >> end >> mtime >> output;
    steps.push_back({output, (end - start) / 1000.0});
  }
  since_entries = entry;
  return steps;
}

void report(const std::string& title, double wall, const std::vector<Step>& steps, double baseline) {
  double generator = 0, compile = 0, slowest = 0;
  int objects = 0;
  for (const auto& step : steps) {
    if (step.output.ends_with(".o")) {
      compile += step.seconds;
      slowest = std::max(slowest, step.seconds);
      ++objects;
    } else if (step.output.find(".strata-codegen-stamp") != std::string::npos ||
               step.output.find("migrations.cpp") != std::string::npos) {
      generator = std::max(generator, step.seconds);
    }
  }
  std::printf("%-34s wall %7.1f s (%6.1fx)  generator %5.1f s  %2d objects: %7.1f s of compiling (%6.1fx), slowest %5.1f s\n",
              title.c_str(), wall, wall / baseline, generator, objects, compile, compile / baseline, slowest);
  for (const auto& step : steps) {
    if (step.output.ends_with(".o")) std::printf("    %-60s %6.1f s\n", step.output.c_str(), step.seconds);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int tables = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int shards = argc > 2 ? std::atoi(argv[2]) : 4;
  const std::string jobs = argc > 3 ? argv[3] : "2";
  const fs::path root = fs::temp_directory_path() / ("strata-compile-bench-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path source = root / "src", build = root / "build", migrations = source / "migrations";

  write(migrations / "20240101000000_tables.sql", schema_sql(tables));
  strata::migrations::write_integrity_file(migrations, strata::migrations::read_directory(migrations));
  const std::string changed = table_name(tables / 2);
  write(source / "uses_one_table.cpp", "#include \"bench/db/" + changed + ".h\"\n"
        "std::string name_of(const bench::db::" + changed + "::Row& row) { return row.name.value_or(\"\"); }\n");
  write(source / "uses_schema.cpp", "#include \"bench/db/schema.h\"\n"
        "std::int64_t first_id(const bench::db::t0000::Row& row) { return row.id; }\n");
  write(source / "baseline.cpp", "#include \"strata/accessors/support.h\"\n#include <nlohmann/json.hpp>\n"
        "std::string baseline(pqxx::transaction_base& tx) { return tx.exec1(\"SELECT 1\")[0].c_str(); }\n");
  write(source / "CMakeLists.txt",
        "cmake_minimum_required(VERSION 3.25)\nproject(compile_bench CXX)\n"
        "set(CMAKE_CXX_STANDARD 20)\n"
        "list(APPEND CMAKE_MODULE_PATH \"" STRATA_SOURCE_DIR "/cmake\")\n"
        "include(StrataSchema)\n"
        "find_package(PkgConfig REQUIRED)\npkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)\n"
        "find_package(nlohmann_json 3 REQUIRED)\n"
        "# Headers are enough: nothing is linked into a program.\n"
        "add_library(strata::runtime INTERFACE IMPORTED)\n"
        "target_include_directories(strata::runtime INTERFACE \"" STRATA_SOURCE_DIR "/runtime/include\")\n"
        "target_link_libraries(strata::runtime INTERFACE PkgConfig::PQXX)\n"
        "strata_add_schema(bench_db MIGRATIONS migrations NAMESPACE bench::db SHARDS " + std::to_string(shards) +
        " STRATA \"" STRATA_CLI_PATH "\")\n"
        "add_library(app_code OBJECT uses_one_table.cpp uses_schema.cpp)\n"
        "target_link_libraries(app_code PRIVATE bench_db)\n"
        "add_library(baseline OBJECT baseline.cpp)\n"
        "target_link_libraries(baseline PRIVATE strata::runtime nlohmann_json::nlohmann_json)\n");

  std::printf("%d tables, %d shards, -j%s, Release\n", tables, shards, jobs.c_str());
  run({"cmake", "-S", source.string(), "-B", build.string(), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"});
  std::size_t log_entries = 0;

  // Baseline: the common includes, alone (compiled three times, median).
  std::vector<double> baseline_runs;
  for (int i = 0; i < 3; ++i) {
    const auto object = build / "CMakeFiles/baseline.dir/baseline.cpp.o";
    fs::remove(object);
    const auto start = Clock::now();
    run({"cmake", "--build", build.string(), "--target", "baseline"});
    baseline_runs.push_back(seconds_since(start));
  }
  std::sort(baseline_runs.begin(), baseline_runs.end());
  const double baseline = baseline_runs[1];
  ninja_steps(build, log_entries);
  std::printf("baseline: one translation unit with the common includes: %.2f s\n\n", baseline);

  auto start = Clock::now();
  run({"cmake", "--build", build.string(), "--", "-j" + jobs});
  report("full build", seconds_since(start), ninja_steps(build, log_entries), baseline);
  run({"cmake", "--build", build.string()});  // the reconfigure that declares the new headers
  ninja_steps(build, log_entries);

  write(migrations / "20240102000000_change_one.sql", "ALTER TABLE public." + changed + " ADD COLUMN note text;\n");
  strata::migrations::write_integrity_file(migrations, strata::migrations::read_directory(migrations));
  start = Clock::now();
  run({"cmake", "--build", build.string(), "--", "-j" + jobs});
  report("after a column added to " + changed, seconds_since(start), ninja_steps(build, log_entries), baseline);

  start = Clock::now();
  run({"cmake", "--build", build.string()});
  std::printf("no-op build: %.2f s\n", seconds_since(start));
  fs::remove_all(root);
  return 0;
}
