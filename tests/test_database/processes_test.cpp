// Several processes on one server: isolation, one template build, what killed processes leave.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "child.h"
#include "run_strata.h"
#include "strata/test_database.h"
#include "test_cluster.h"

namespace strata::testdb {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::Child;

const std::string kDriver = STRATA_TEST_DATABASE_DRIVER;
const std::string kMigrations = STRATA_SOURCE_DIR "/tests/test_database/migrations";

// Children reach the server this test uses through its URL.
std::map<std::string, std::optional<std::string>> url_environment() {
  return {{"STRATA_TEST_BACKEND", "url"},
          {"STRATA_TEST_DATABASE_URL", strata::testing::shared_cluster().url("postgres")}};
}

bool database_exists(const std::string& name) {
  return strata::testing::exec(strata::testing::shared_cluster().connection_string(),
                               "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")
             .at(0)
             .at(0)
             .as<int>() == 1;
}

// A migrations directory no other test (or run) has: its template does not exist yet.
class FreshMigrations {
 public:
  FreshMigrations() {
    std::string pattern = "/tmp/tdb-migrations-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
    dir_ = pattern;
    std::mt19937_64 random{std::random_device{}()};
    std::ofstream(dir_ / "20260101000000_create_notes.sql")
        << "-- nonce " << random() << "\nCREATE TABLE notes (id bigserial PRIMARY KEY, marker text NOT NULL);\n";
  }
  ~FreshMigrations() { fs::remove_all(dir_); }
  std::string path() const { return dir_.string(); }

 private:
  fs::path dir_;
};

// More processes than cores, all at once: each writes its marker into its own database and must
// see only that one.
TEST(ParallelProcesses, EachGetsAnIsolatedDatabase) {
  const int processes = static_cast<int>(std::max(6u, 2 * std::thread::hardware_concurrency() + 2));
  std::vector<std::unique_ptr<Child>> children;
  for (int i = 0; i < processes; ++i) {
    children.push_back(std::make_unique<Child>(
        std::vector<std::string>{kDriver, "isolate", kMigrations, "marker-" + std::to_string(i)}, url_environment()));
  }
  std::set<std::string> databases;
  for (int i = 0; i < processes; ++i) {
    const auto database = children[i]->value("database");
    const int exit_code = children[i]->finish();
    EXPECT_EQ(exit_code, 0) << "process " << i << ":\n" << children[i]->output();
    EXPECT_NE(children[i]->output().find("markers marker-" + std::to_string(i) + "\n"), std::string::npos)
        << children[i]->output();
    EXPECT_NE(children[i]->output().find("history 2\n"), std::string::npos) << children[i]->output();
    ASSERT_TRUE(database) << children[i]->output();
    databases.insert(*database);
  }
  EXPECT_EQ(databases.size(), static_cast<std::size_t>(processes)) << "a database was handed out twice";
}

// The first process builds the template; later ones (here: concurrent ones too) find it.
TEST(TemplateReuse, OneProcessBuildsTheOthersReuse) {
  const FreshMigrations migrations;
  std::vector<std::unique_ptr<Child>> first;
  for (int i = 0; i < 3; ++i) {
    first.push_back(std::make_unique<Child>(std::vector<std::string>{kDriver, "stats", migrations.path()},
                                            url_environment()));
  }
  int builders = 0;
  std::string builder_pid;
  for (auto& child : first) {
    const auto pid = child->value("pid");
    const auto built = child->value("built_template");
    ASSERT_EQ(child->finish(), 0) << child->output();
    ASSERT_TRUE(built) << child->output();
    if (*built == "1") {
      ++builders;
      builder_pid = *pid;
    }
  }
  EXPECT_EQ(builders, 1) << "concurrent processes must build the template once";

  Child later({kDriver, "stats", migrations.path()}, url_environment());
  const auto template_name = later.value("template");
  EXPECT_EQ(later.value("built_template"), "0");
  EXPECT_EQ(later.finish(), 0) << later.output();
  ASSERT_TRUE(template_name);
  // The template says who built it.
  const auto comment = strata::testing::exec(strata::testing::shared_cluster().connection_string(),
                                             "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                                             "WHERE datname = '" + *template_name + "'")
                           .at(0)
                           .at(0)
                           .as<std::string>();
  EXPECT_NE(comment.find("built by pid " + builder_pid + " "), std::string::npos) << comment;
}

// A killed process's databases stay while it lives, and are swept once it is gone.
TEST(Sweep, DatabasesOfAKilledProcessAreDropped) {
  const auto server = cluster_server(strata::testing::shared_cluster(), BackendKind::local);
  Child holder({kDriver, "hold", kMigrations, "2"}, url_environment());
  std::vector<std::string> held;
  for (int i = 0; i < 2; ++i) {
    const auto name = holder.value("database");
    ASSERT_TRUE(name) << holder.output();
    held.push_back(*name);
  }
  ASSERT_TRUE(holder.value("holding")) << holder.output();

  sweep_stale_databases(*server, std::chrono::hours(1));
  for (const auto& name : held) EXPECT_TRUE(database_exists(name)) << name << " swept while its owner lives";

  holder.kill(SIGKILL);
  EXPECT_EQ(holder.wait(), 128 + SIGKILL);
  sweep_stale_databases(*server, std::chrono::hours(1));
  for (const auto& name : held) EXPECT_FALSE(database_exists(name)) << name << " left after its owner died";
}

// A whole run on a cluster of its own (its own STRATA_CACHE_DIR): a test process is killed
// while holding databases; the next run starts, works, stops, and nothing is left behind.
TEST(KilledRun, NextRunWorksAndNothingIsLeftBehind) {
  std::string pattern = "/tmp/tdb-cache-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path cache = pattern;
  // A temporary directory of its own: stop --verify checks it for files the run left, and /tmp
  // has the files of the tests running beside this one.
  fs::create_directories(cache / "tmp");
  const std::map<std::string, std::optional<std::string>> environment = {{"STRATA_CACHE_DIR", cache.string()},
                                                                          {"STRATA_TEST_BACKEND", "local"},
                                                                          {"STRATA_TEST_DATABASE_URL", {}},
                                                                          {"TMPDIR", (cache / "tmp").string()}};
  const auto strata = [&](std::vector<std::string> args) {
    args.insert(args.begin(), STRATA_CLI_PATH);
    auto child = std::make_unique<Child>(args, environment);
    child->finish();
    return child;
  };

  auto start = strata({"test-db", "start", "--idle-timeout", "60"});
  ASSERT_EQ(start->wait(), 0) << start->output();
  const std::string admin_url = start->output().substr(0, start->output().find('\n'));
  const auto data_dir =
      strata::testing::exec(admin_url, "SHOW data_directory").at(0).at(0).as<std::string>();
  pid_t postmaster = 0;
  std::ifstream(fs::path(data_dir) / "postmaster.pid") >> postmaster;
  ASSERT_GT(postmaster, 0);

  // The killed run.
  Child holder({kDriver, "hold", kMigrations, "2"}, environment);
  const auto held = holder.value("database");
  ASSERT_TRUE(held) << holder.output();
  ASSERT_TRUE(holder.value("holding")) << holder.output();
  holder.kill(SIGKILL);
  holder.wait();

  // The next run: start cleans up, a test works, stop leaves nothing.
  auto restart = strata({"test-db", "start"});
  ASSERT_EQ(restart->wait(), 0) << restart->output();
  const auto count = strata::testing::exec(admin_url, "SELECT count(*) FROM pg_database WHERE datname = '" + *held + "'");
  EXPECT_EQ(count.at(0).at(0).as<int>(), 0) << *held << " of the killed process survived the next start";
  Child test({kDriver, "isolate", kMigrations, "after-kill"}, environment);
  EXPECT_EQ(test.finish(), 0) << test.output();
  EXPECT_EQ(test.output().find("built_template 1"), std::string::npos) << "the template was rebuilt:\n"
                                                                          << test.output();
  auto stop = strata({"test-db", "stop", "--verify", "--purge"});
  EXPECT_EQ(stop->wait(), 0) << stop->output();

  // A scratch directory left in the temporary directory fails the check, naming it.
  fs::create_directories(cache / "tmp" / "strata-forgotten-scratch");
  auto restarted = strata({"test-db", "start"});
  ASSERT_EQ(restarted->wait(), 0) << restarted->output();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // after the start stamp (1 s mtime steps)
  fs::remove_all(cache / "tmp" / "strata-forgotten-scratch");
  fs::create_directories(cache / "tmp" / "strata-forgotten-scratch");
  const auto dirty = strata::testing::run_strata({"test-db", "stop", "--verify", "--purge"}, cache, environment);
  EXPECT_EQ(dirty.exit_code, 1) << dirty.all();
  EXPECT_NE(dirty.err.find("left behind: left in " + (cache / "tmp").string() + ": " +
                           (cache / "tmp" / "strata-forgotten-scratch").string()),
            std::string::npos)
      << dirty.all();

  EXPECT_FALSE(::kill(postmaster, 0) == 0 && fs::exists(fs::path(data_dir) / "postmaster.pid"))
      << "postmaster " << postmaster << " still running";
  EXPECT_FALSE(fs::exists(data_dir)) << "--purge left " << data_dir;
  std::error_code ignored;
  fs::remove_all(cache, ignored);
}

}  // namespace
}  // namespace strata::testdb
