// strata_add_schema (cmake/StrataSchema.cmake) in a small consumer project built with Ninja
// (ninja-build; the generated code uses the cached cluster, as a build would):
// a no-op build runs nothing, a touched migration recompiles nothing, a new column recompiles
// its table's shard and what includes its header, nothing else.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/process.hpp>

#include "strata/child_environment.h"
#include "strata/codegen.h"
#include "strata/migration_integrity.h"

namespace {

namespace bp = boost::process;
namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string output;
};

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

class IncrementalBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("strata-incremental-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(root_);  // kept for a look when something failed
  }

  Outcome run(const std::vector<std::string>& arguments) {
    bp::ipstream out;
    auto environment = strata::runtime::ChildEnvironment::inherited();
    environment.set("STRATA_CODEGEN_LOG", (root_ / "codegen.log").string());
    bp::child child(bp::search_path(arguments[0]), bp::args(std::vector<std::string>(arguments.begin() + 1, arguments.end())),
                    (bp::std_out & bp::std_err) > out, environment);
    Outcome result;
    result.output = std::string(std::istreambuf_iterator<char>(out), {});
    child.wait();
    result.exit_code = child.exit_code();
    return result;
  }

  Outcome build() { return run({"cmake", "--build", (root_ / "build").string(), "--", "-j2"}); }

  int generator_runs() {
    const auto log = read(root_ / "codegen.log");
    return static_cast<int>(std::count(log.begin(), log.end(), '\n'));
  }

  // Object file -> last write time.
  std::map<std::string, fs::file_time_type> objects() {
    std::map<std::string, fs::file_time_type> times;
    for (const auto& entry : fs::recursive_directory_iterator(root_ / "build")) {
      if (entry.path().extension() == ".o") times[entry.path().filename().string()] = entry.last_write_time();
    }
    return times;
  }

  static std::vector<std::string> changed(const std::map<std::string, fs::file_time_type>& before,
                                          const std::map<std::string, fs::file_time_type>& after) {
    std::vector<std::string> names;
    for (const auto& [name, time] : after) {
      const auto it = before.find(name);
      if (it == before.end() || it->second != time) names.push_back(name);
    }
    return names;
  }

  fs::path root_;
};

TEST_F(IncrementalBuild, RebuildsOnlyWhatAChangeReaches) {
  constexpr int kShards = 3;
  // Two tables in different shards.
  std::string first = "t0", second;
  for (int i = 1; second.empty(); ++i) {
    const auto name = "t" + std::to_string(i);
    if (strata::codegen::shard_of("table:public." + name, kShards) != strata::codegen::shard_of("table:public.t0", kShards)) {
      second = name;
    }
  }
  const auto first_shard = strata::codegen::shard_of("table:public." + first, kShards);
  const fs::path source = root_ / "src";
  const fs::path migrations = source / "migrations";
  write(migrations / "20240101000000_initial.sql",
        "CREATE TABLE public." + first + " (id bigint PRIMARY KEY, name text NOT NULL);\n"
        "CREATE TABLE public." + second + " (id bigint PRIMARY KEY, " + first + "_id bigint REFERENCES public." + first + ");\n");
  strata::migrations::write_integrity_file(migrations, strata::migrations::read_directory(migrations));
  // Two query files: a change to one regenerates and recompiles only its own code.
  write(source / "queries" / "a.sql", "-- name: FirstNames :many\nSELECT name FROM public." + first + " ORDER BY id;\n");
  write(source / "queries" / "b.sql", "-- name: SecondIds :many\nSELECT id FROM public." + second + ";\n");
  write(source / "uses_first.cpp", "#include \"consumer/db/" + first + ".h\"\n"
                                   "std::string first_name(const consumer::db::" + first + "::Row& row) { return row.name; }\n");
  write(source / "uses_second.cpp", "#include \"consumer/db/" + second + ".h\"\n"
                                    "std::int64_t second_id(const consumer::db::" + second + "::Row& row) { return row.id; }\n");
  write(source / "CMakeLists.txt",
        "cmake_minimum_required(VERSION 3.25)\nproject(consumer CXX)\n"
        "set(CMAKE_CXX_STANDARD 20)\n"
        "list(APPEND CMAKE_MODULE_PATH \"" STRATA_SOURCE_DIR "/cmake\")\n"
        "include(StrataSchema)\n"
        "find_package(PkgConfig REQUIRED)\npkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)\n"
        "find_package(nlohmann_json 3 REQUIRED)\n"
        "# The client's headers are enough: nothing here is linked into a program.\n"
        "add_library(strata::client INTERFACE IMPORTED)\n"
        "target_include_directories(strata::client INTERFACE \"" STRATA_SOURCE_DIR "/runtime/client/include\")\n"
        "target_link_libraries(strata::client INTERFACE PkgConfig::PQXX)\n"
        "strata_add_schema(consumer_db MIGRATIONS migrations NAMESPACE consumer::db SHARDS " + std::to_string(kShards) +
        " QUERIES queries STRATA \"" STRATA_CLI_PATH "\")\n"
        "add_library(consumer_code OBJECT uses_first.cpp uses_second.cpp)\n"
        "target_link_libraries(consumer_code PRIVATE consumer_db)\n");

  auto configured = run({"cmake", "-S", source.string(), "-B", (root_ / "build").string(), "-G", "Ninja",
                         "-DCMAKE_BUILD_TYPE=Debug"});
  ASSERT_EQ(configured.exit_code, 0) << configured.output;
  auto built = build();
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_EQ(generator_runs(), 1);
  const auto all = objects();
  // shards, migrations.cpp, 2 query files, 2 consumers
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kShards) + 5) << built.output;

  // The first build's generator run wrote the manifest of headers, so the next build
  // reconfigures once (to declare them); neither that nor a further build runs the generator or
  // compiles anything.
  built = build();
  ASSERT_EQ(built.exit_code, 0) << built.output;
  built = build();
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_NE(built.output.find("no work to do"), std::string::npos) << built.output;
  EXPECT_EQ(generator_runs(), 1);
  EXPECT_EQ(changed(all, objects()), std::vector<std::string>{});

  // A migration touched, not changed: the generator runs and writes nothing; nothing compiles.
  fs::last_write_time(migrations / "20240101000000_initial.sql", fs::file_time_type::clock::now());
  built = build();
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_EQ(generator_runs(), 2);
  EXPECT_NE(read(root_ / "codegen.log").find("written=0 unchanged="), std::string::npos) << read(root_ / "codegen.log");
  EXPECT_EQ(changed(all, objects()), std::vector<std::string>{}) << built.output;

  // A column added to the first table: its shard, migrations.cpp (a new migration) and the
  // file that includes its header recompile; the other shards and the other file do not.
  write(migrations / "20240102000000_add_column.sql", "ALTER TABLE public." + first + " ADD COLUMN note text;\n");
  strata::migrations::write_integrity_file(migrations, strata::migrations::read_directory(migrations));
  built = build();
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_EQ(generator_runs(), 3);
  const auto shard = fs::path(strata::codegen::shard_file(first_shard)).filename().string() + ".o";
  EXPECT_EQ(changed(all, objects()), (std::vector<std::string>{"migrations.cpp.o", shard, "uses_first.cpp.o"}))
      << built.output;
  built = build();
  EXPECT_NE(built.output.find("no work to do"), std::string::npos) << built.output;

  // A new table: a new header, declared by the reconfigure of the next build, which reruns only
  // the cheap step that declares it, not the generator.
  write(migrations / "20240103000000_add_table.sql", "CREATE TABLE public.added (id int PRIMARY KEY);\n");
  strata::migrations::write_integrity_file(migrations, strata::migrations::read_directory(migrations));
  built = build();
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_EQ(generator_runs(), 4);
  EXPECT_TRUE(fs::exists(root_ / "build/consumer_db_strata/include/consumer/db/added.h"));
  const auto after_new_table = objects();
  built = build();
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_EQ(generator_runs(), 4) << built.output;
  EXPECT_EQ(changed(after_new_table, objects()), std::vector<std::string>{}) << built.output;
  built = build();
  EXPECT_NE(built.output.find("no work to do"), std::string::npos) << built.output;

  // A query changed: only its file's code recompiles.
  const auto before_query_change = objects();
  write(source / "queries" / "b.sql", "-- name: SecondIds :many\nSELECT id, " + first + "_id FROM public." + second + ";\n");
  built = build();
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_EQ(generator_runs(), 5);
  EXPECT_EQ(changed(before_query_change, objects()), std::vector<std::string>{"b.cpp.o"}) << built.output;
  built = build();
  EXPECT_NE(built.output.find("no work to do"), std::string::npos) << built.output;

  // A query that no longer fits the schema fails the build at its file:line:col.
  write(source / "queries" / "a.sql", "-- name: FirstNames :many\nSELECT nme FROM public." + first + " ORDER BY id;\n");
  built = build();
  EXPECT_NE(built.exit_code, 0) << built.output;
  EXPECT_NE(built.output.find("queries/a.sql:2:8: column \"nme\" does not exist (SQLSTATE 42703)"), std::string::npos)
      << built.output;
}

}  // namespace
