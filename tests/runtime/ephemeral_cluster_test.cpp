#include <gtest/gtest.h>

#include "strata/error.h"
#include <pwd.h>
#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <pqxx/pqxx>

#include "runtime_test_helpers.h"
#include "strata/cluster.h"
#include "test_cluster.h"

namespace strata::runtime {
namespace {

using test::process_running;

std::string query_value(const std::string& connection_string, const std::string& sql) {
  return strata::testing::exec(connection_string, sql).at(0).at(0).c_str();
}

TEST(EphemeralCluster, StartsConnectsAndCleansUpOnDestruction) {
  const auto start_time = std::chrono::steady_clock::now();
  auto cluster = EphemeralCluster::start();
  const double start_ms = test::milliseconds_since(start_time);

  const std::filesystem::path dir = cluster->directory();
  const pid_t server = cluster->server_pid();
  EXPECT_EQ(query_value(cluster->connection_string(), "SELECT 6 * 7"), "42");
  EXPECT_EQ(query_value(cluster->url(), "SELECT current_database()"), "postgres");
  EXPECT_TRUE(std::filesystem::is_directory(dir));
  EXPECT_TRUE(process_running(server));
  EXPECT_EQ(cluster->socket_dir(), dir);
  EXPECT_LE((dir / ".s.PGSQL.5432").string().size(), 107u);

  const auto stop_time = std::chrono::steady_clock::now();
  cluster.reset();
  const double stop_ms = test::milliseconds_since(stop_time);
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_FALSE(process_running(server));

  std::cout << "[ timing ] EphemeralCluster::start " << start_ms << " ms, destruction " << stop_ms << " ms\n";
  RecordProperty("start_ms", std::to_string(start_ms));
  RecordProperty("destruction_ms", std::to_string(stop_ms));
}

TEST(EphemeralCluster, ServerRunsInItsOwnSessionWithoutTcp) {
  const auto& cluster = strata::testing::private_cluster();
  EXPECT_EQ(::getsid(cluster.server_pid()), cluster.server_pid());  // out of our process group
  EXPECT_EQ(query_value(cluster.connection_string(), "SHOW listen_addresses"), "");
  EXPECT_EQ(query_value(cluster.connection_string(), "SELECT coalesce(inet_server_port()::text, 'unix')"),
            "unix");
}

TEST(EphemeralCluster, RootRunsTheServerAsNobody) {
  if (::geteuid() != 0) GTEST_SKIP() << "only meaningful when the tests run as root";
  const auto& cluster = strata::testing::private_cluster();
  struct stat info {};
  ASSERT_EQ(::stat((cluster.directory() / "data").c_str(), &info), 0);
  EXPECT_EQ(info.st_uid, ::getpwnam("nobody")->pw_uid);
  std::ifstream status("/proc/" + std::to_string(cluster.server_pid()) + "/status");
  std::string line;
  while (std::getline(status, line) && line.rfind("Uid:", 0) != 0) {
  }
  EXPECT_EQ(line.find("\t0\t"), std::string::npos) << line;
}

TEST(EphemeralCluster, TwoClustersAreIndependent) {
  auto first = EphemeralCluster::start();
  auto second = EphemeralCluster::start();
  EXPECT_NE(first->directory(), second->directory());
  EXPECT_NE(first->server_pid(), second->server_pid());

  const auto has_table = [](const EphemeralCluster& cluster) {
    return query_value(cluster.connection_string(), "SELECT to_regclass('only_in_first') IS NOT NULL") == "t";
  };
  strata::testing::exec(first->connection_string(), "CREATE TABLE only_in_first (id int)");
  EXPECT_TRUE(has_table(*first));
  EXPECT_FALSE(has_table(*second));

  first.reset();
  EXPECT_EQ(query_value(second->connection_string(), "SELECT 1"), "1");
}

// Every libpq variable a caller might have set, with values that would break or alter our
// connections if they applied.
TEST(EphemeralCluster, CallersPgEnvironmentDoesNotApply) {
  const test::ScopedEnvironment hostile({
      {"PGHOST", "/nonexistent"},
      {"PGHOSTADDR", "192.0.2.1"},
      {"PGPORT", "1"},
      {"PGUSER", "nobody"},
      {"PGDATABASE", "nope"},
      {"PGPASSWORD", "wrong"},
      {"PGOPTIONS", "-c search_path=evil"},
      {"PGSSLMODE", "require"},
      {"PGGSSENCMODE", "require"},
      {"PGCHANNELBINDING", "require"},
      {"PGREQUIREPEER", "someone-else"},
      {"PGTARGETSESSIONATTRS", "standby"},
      {"PGSSLMINPROTOCOLVERSION", "bogus"},
      {"PGAPPNAME", "evil"},
      {"PGCLIENTENCODING", "LATIN1"},
      {"PGTZ", "Pacific/Chatham"},
      {"PGDATESTYLE", "German"},
      {"PGSERVICE", "no-such-service"},
      {"PGDATA", "/nonexistent"},
  });
  auto cluster = EphemeralCluster::start();
  for (const std::string& target : {cluster->connection_string(), cluster->url()}) {
    pqxx::connection connection(target);
    pqxx::nontransaction work(connection);
    const auto row = work.exec1(
        "SELECT current_user, current_database(), current_setting('search_path'), "
        "current_setting('TimeZone'),"
        " current_setting('DateStyle'), current_setting('client_encoding'), "
        "current_setting('application_name')");
    EXPECT_EQ(row[0].as<std::string>(), "strata");
    EXPECT_EQ(row[1].as<std::string>(), "postgres");
    EXPECT_EQ(row[2].as<std::string>(), "\"$user\", public");
    EXPECT_EQ(row[3].as<std::string>(), "UTC");
    EXPECT_EQ(row[4].as<std::string>(), "ISO, MDY");
    EXPECT_EQ(row[5].as<std::string>(), "UTF8");
    EXPECT_EQ(row[6].as<std::string>(), "strata");
  }
}

TEST(EphemeralCluster, ServerEnvironmentHasNoPgVariables) {
  const test::ScopedEnvironment caller(
      {{"PGPORT", "1"}, {"PGDATA", "/nonexistent"}, {"PGOPTIONS", "-c x=y"}});
  auto cluster = EphemeralCluster::start();
  std::ifstream environ_file("/proc/" + std::to_string(cluster->server_pid()) + "/environ");
  bool saw_tz = false;
  for (std::string variable; std::getline(environ_file, variable, '\0');) {
    EXPECT_NE(variable.rfind("PG", 0), 0u) << variable;
    saw_tz = saw_tz || variable == "TZ=UTC";
  }
  EXPECT_TRUE(saw_tz);
}

TEST(EphemeralCluster, RejectsATempRootTooLongForASocketPath) {
  ClusterOptions options;
  options.temp_root = "/tmp/" + std::string(100, 'x');
  std::filesystem::create_directories(options.temp_root);
  EXPECT_THROW(EphemeralCluster::start(options), strata::Error);
  std::filesystem::remove(options.temp_root);
}

TEST(EphemeralCluster, FailedStartReportsTheServerLogAndLeavesNothing) {
  const test::TempDir root("start-fail-test", 0755);  // 0755: the server may run as nobody
  ClusterOptions options;
  options.temp_root = root.path();
  options.start_timeout = std::chrono::milliseconds(1);
  try {
    EphemeralCluster::start(options);
    FAIL() << "expected the start to time out";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("did not accept connections within 1 ms"), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("server.log"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(std::filesystem::is_empty(root.path()));
}

TEST(SharedCluster, IsStartedOnceAndUsable) {
  auto& cluster = strata::testing::shared_cluster();
  EXPECT_EQ(&cluster, &strata::testing::shared_cluster());
  EXPECT_EQ(query_value(cluster.connection_string(), "SELECT 1"), "1");
}

}  // namespace
}  // namespace strata::runtime
