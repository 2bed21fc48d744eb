// The docker backend for real: a PostgreSQL container (podman here, docker elsewhere) started,
// migrated into a template, cloned for two tests, and stopped with nothing left running. Skips,
// saying why, where no container engine runs or the image cannot be built. The same flow runs on
// GitHub against ci.yml's postgres:15 service container through the url backend
// (STRATA_TEST_SERVICE_URL).
#include <gtest/gtest.h>

#include <cstdlib>
#include <pqxx/pqxx>
#include <set>
#include <sstream>

#include <boost/process.hpp>

#include "strata/error.h"
#include "strata/test_database.h"

namespace strata::testdb {
namespace {

namespace bp = boost::process;

struct Output {
  int code = -1;
  std::string text;
};

Output run(const std::string& program, const std::vector<std::string>& args) {
  bp::ipstream out;
  bp::child child(program, bp::args(args), (bp::std_out & bp::std_err) > out);
  Output result;
  for (std::string line; std::getline(out, line);) result.text += line + "\n";
  child.wait();
  result.code = child.exit_code();
  return result;
}

std::set<std::string> containers(const std::string& engine) {
  const auto listed = run(engine, {"ps", "-a", "-q", "--no-trunc"});
  std::set<std::string> ids;
  std::istringstream lines(listed.text);
  for (std::string id; std::getline(lines, id);) {
    if (!id.empty()) ids.insert(id);
  }
  return ids;
}

// A template migrated on `server`, two clones that start empty and are each a test's own.
void migrate_and_clone(const std::shared_ptr<Server>& server) {
  PoolOptions pool_options;
  pool_options.ready = 1;
  auto pool = TemplatePool::from_directory(server, STRATA_SOURCE_DIR "/tests/test_database/migrations", pool_options);
  auto first = pool->acquire();
  auto second = pool->acquire();
  EXPECT_NE(first.name(), second.name());
  for (auto* database : {&first, &second}) {
    pqxx::connection connection(database->url());
    pqxx::work work(connection);
    EXPECT_EQ(work.exec1("SELECT count(*) FROM strata.migrations")[0].as<int>(), 2) << "migrated";
    EXPECT_EQ(work.exec1("SELECT count(*) FROM notes")[0].as<int>(), 0) << "each clone starts empty";
    work.exec0("INSERT INTO notes (marker) VALUES ('container')");
    EXPECT_NE(work.exec1("SELECT version()")[0].as<std::string>().find("PostgreSQL 15"), std::string::npos);
    work.commit();
  }
}

TEST(ServiceContainer, MigratesAndClonesThroughTheUrlBackend) {
  const char* url = std::getenv("STRATA_TEST_SERVICE_URL");
  if (url == nullptr || *url == '\0') GTEST_SKIP() << "STRATA_TEST_SERVICE_URL is not set (ci.yml's service container job sets it)";
  migrate_and_clone(url_server(url));
}

TEST(ContainerBackend, StartsMigratesClonesAndStopsLeavingNothingRunning) {
  // Podman on our machines needs these settings (scripts/containers.conf says why).
  ::setenv("CONTAINERS_CONF", STRATA_SOURCE_DIR "/scripts/containers.conf", 0);
  std::string engine;
  try {
    engine = container_engine();
  } catch (const Error& error) {
    GTEST_SKIP() << error.what();
  }
  BackendOptions options;
  options.kind = BackendKind::docker;
  if (const char* image = std::getenv("STRATA_TEST_DOCKER_IMAGE"); image != nullptr && *image != '\0') {
    options.docker_image = image;  // e.g. postgres:15 where a registry is reachable (GitHub)
  } else {
    // No registry here: the image is built from Debian's packages, once (later runs find it).
    ::setenv("STRATA_CONTAINER_ENGINE", engine.c_str(), 1);
    const auto built = run("/bin/bash", {STRATA_SOURCE_DIR "/scripts/build-postgres-image.sh"});
    ::unsetenv("STRATA_CONTAINER_ENGINE");
    if (built.code == 3) GTEST_SKIP() << built.text;
    ASSERT_EQ(built.code, 0) << built.text;
    options.docker_image = "localhost/strata-postgres:15";
  }
  const auto before = containers(engine);
  {
    const auto server = open_server(options);
    EXPECT_EQ(server->kind(), BackendKind::docker);
    EXPECT_EQ(containers(engine).size(), before.size() + 1) << "one container for the process";
    migrate_and_clone(server);
  }
  // The server object stopped its container, and --rm removed it.
  EXPECT_EQ(containers(engine), before) << "a container was left behind";
}

}  // namespace
}  // namespace strata::testdb
