// The backends test databases are created on: a cluster of ours (local: the shared cached one;
// private: this process's own), an existing server given by URL, or a Docker container.
#include <libpq-fe.h>

#include <algorithm>
#include <boost/process/search_path.hpp>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <thread>

#include "processes/child_process.h"
#include "clusters/connection_parameters.h"
#include "strata/connection.h"
#include "strata/test_database.h"
#include "strata/error.h"
#include "processes/environment_variable.h"

namespace strata::testdb {

using runtime::environment_variable;

namespace {

class ClusterServer final : public Server {
 public:
  ClusterServer(const runtime::Cluster& cluster, std::unique_ptr<runtime::Cluster> owned, BackendKind kind)
      : cluster_(cluster), owned_(std::move(owned)), kind_(kind) {}
  BackendKind kind() const override { return kind_; }
  std::string connection_string(const std::string& dbname) const override {
    return cluster_.connection_string(dbname);
  }
  std::string url(const std::string& dbname) const override { return cluster_.url(dbname); }
  std::string admin_database() const override { return "postgres"; }
  // Our clusters listen on a unix socket only: every client is on this host.
  bool clients_on_this_host() const override { return true; }

 private:
  const runtime::Cluster& cluster_;
  std::unique_ptr<runtime::Cluster> owned_;
  BackendKind kind_;
};

// The given URL's parameters with dbname replaced. libpq parses the URL (or keyword/value
// string) itself, so every form it accepts works.
class UrlServer : public Server {
 public:
  explicit UrlServer(std::string admin_url, BackendKind kind = BackendKind::url)
      : admin_url_(std::move(admin_url)), kind_(kind) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(admin_url_.c_str(), &error);
    if (options == nullptr) {
      const std::string message = error != nullptr ? error : "out of memory";
      PQfreemem(error);
      throw Error("invalid test database URL " + runtime::redact_password(admin_url_) + ": " +
                                  message);
    }
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
      if (option->val == nullptr) continue;
      if (std::string(option->keyword) == "dbname") {
        admin_database_ = option->val;
      } else {
        parameters_.emplace_back(option->keyword, option->val);
      }
    }
    PQconninfoFree(options);
  }
  BackendKind kind() const override { return kind_; }
  std::string connection_string(const std::string& dbname) const override {
    auto parameters = parameters_;
    parameters.emplace_back("dbname", dbname);
    return runtime::keyword_value_string(parameters);
  }
  // The URL with its database replaced: the path, and a dbname query parameter if it has one
  // (libpq lets that one win).
  std::string url(const std::string& dbname) const override {
    const auto scheme = admin_url_.find("://");
    if (scheme == std::string::npos) return connection_string(dbname);  // given as keyword/value
    const auto path = admin_url_.find_first_of("/?", scheme + 3);
    const std::string authority = admin_url_.substr(0, path);
    std::string query;
    if (const auto at = admin_url_.find('?', scheme + 3); at != std::string::npos) query = admin_url_.substr(at + 1);
    std::string rewritten;
    std::size_t start = 0;
    while (start <= query.size() && !query.empty()) {
      const auto end = std::min(query.find('&', start), query.size());
      const std::string parameter = query.substr(start, end - start);
      rewritten += (rewritten.empty() ? "" : "&") + (parameter.rfind("dbname=", 0) == 0 ? "dbname=" + dbname : parameter);
      start = end + 1;
    }
    return authority + "/" + dbname + (rewritten.empty() ? "" : "?" + rewritten);
  }
  std::string admin_database() const override { return admin_database_.empty() ? "postgres" : admin_database_; }
  // Another host may share the server (a CI service, a team's database): only the TTL tells.
  bool clients_on_this_host() const override { return false; }

 private:
  std::string admin_url_;
  BackendKind kind_;
  runtime::ConnectionParameters parameters_;
  std::string admin_database_;
};

std::string last_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const auto newline = text.find_last_of("\r\n");
  return newline == std::string::npos ? text : text.substr(newline + 1);
}

// `<engine> run` a postgres container publishing 5432 on a random loopback port, wait for it,
// `<engine> stop` it (--rm removes it) when the server object goes away. The engine is docker or
// podman (container_engine()); tests/test_database/container_backend_test.cpp runs it with podman.
class DockerServer final : public UrlServer {
 public:
  static std::shared_ptr<DockerServer> start(const std::string& image) {
    const std::string engine = container_engine();
    std::mt19937_64 random{std::random_device{}()};
    const std::string password = "strata" + std::to_string(random() % 1'000'000'000);
    const auto run = runtime::run_command(
        engine, {"run", "-d", "--rm", "-e", "POSTGRES_PASSWORD=" + password, "-p", "127.0.0.1::5432",
                 image, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"});
    if (run.exit_code != 0) throw Error(engine + " run " + image + " failed:\n" + run.output);
    const std::string container = last_line(run.output);  // podman prints pull progress before the id
    try {
      const auto port = runtime::run_command(engine, {"port", container, "5432/tcp"});
      const auto colon = port.output.find(':');
      if (port.exit_code != 0 || colon == std::string::npos) {
        throw Error(engine + " port " + container + " failed:\n" + port.output);
      }
      const std::string host_port = port.output.substr(0, port.output.find_first_of("\r\n"));
      const std::string url = "postgresql://postgres:" + password + "@" + host_port + "/postgres?sslmode=disable";
      auto server = std::shared_ptr<DockerServer>(new DockerServer(url, engine, container));
      const std::string admin = server->connection_string("postgres");
      for (int attempt = 0; attempt < 600 && PQping(admin.c_str()) != PQPING_OK; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      // The official image's entrypoint restarts the server once after initialising: ping twice apart.
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      for (int attempt = 0; attempt < 600 && PQping(admin.c_str()) != PQPING_OK; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (PQping(admin.c_str()) != PQPING_OK) throw Error("the postgres container " + container + " did not start");
      return server;
    } catch (...) {
      runtime::run_command(engine, {"stop", "-t", "1", container});
      throw;
    }
  }
  ~DockerServer() override {
    try {
      runtime::run_command(docker_, {"stop", "-t", "1", container_});
    } catch (...) {
      // --rm and the container's own end take care of it.
    }
  }
  bool clients_on_this_host() const override { return true; }  // the container is ours alone

 private:
  DockerServer(const std::string& url, std::string docker, std::string container)
      : UrlServer(url, BackendKind::docker), docker_(std::move(docker)), container_(std::move(container)) {}
  std::string docker_;
  std::string container_;
};

}  // namespace

std::string container_engine() {
  const auto works = [](const std::string& program) {
    return runtime::run_command(program, {"info"}).exit_code == 0;
  };
  if (auto named = environment_variable("STRATA_CONTAINER_ENGINE"); !named.empty()) {
    const auto path = named.find('/') == std::string::npos ? boost::process::search_path(named).string() : named;
    if (path.empty()) throw Error("STRATA_CONTAINER_ENGINE=" + named + ": not found in PATH");
    if (!works(path)) throw Error("STRATA_CONTAINER_ENGINE=" + named + ": `" + named + " info` fails (is its engine running?)");
    return path;
  }
  std::string tried;
  for (const char* name : {"docker", "podman"}) {
    const auto path = boost::process::search_path(name).string();
    if (path.empty()) {
      tried += std::string(tried.empty() ? "" : "; ") + name + ": not in PATH";
    } else if (works(path)) {
      return path;
    } else {
      tried += std::string(tried.empty() ? "" : "; ") + name + ": `" + name + " info` fails (no engine running)";
    }
  }
  throw Error("no container engine runs here (" + tried + "); set STRATA_CONTAINER_ENGINE to docker or podman");
}

std::string to_string(BackendKind kind) {
  switch (kind) {
    case BackendKind::local: return "local";
    case BackendKind::private_cluster: return "private";
    case BackendKind::url: return "url";
    case BackendKind::docker: return "docker";
  }
  return "local";
}

BackendKind parse_backend_kind(const std::string& text) {
  for (auto kind : {BackendKind::local, BackendKind::private_cluster, BackendKind::url, BackendKind::docker}) {
    if (text == to_string(kind)) return kind;
  }
  throw Error("STRATA_TEST_BACKEND must be local, private, url or docker, not '" + text + "'");
}

BackendOptions BackendOptions::from_environment() {
  BackendOptions options;
  if (const auto kind = environment_variable("STRATA_TEST_BACKEND"); !kind.empty()) {
    options.kind = parse_backend_kind(kind);
  }
  options.url = environment_variable("STRATA_TEST_DATABASE_URL");
  if (const auto image = environment_variable("STRATA_TEST_DOCKER_IMAGE"); !image.empty()) {
    options.docker_image = image;
  }
  return options;
}

std::shared_ptr<Server> open_server(const BackendOptions& options) {
  switch (options.kind) {
    case BackendKind::local:
      return cluster_server(runtime::CachedCluster::acquire(options.idle_timeout), BackendKind::local);
    case BackendKind::private_cluster:
      return cluster_server(runtime::EphemeralCluster::start(), BackendKind::private_cluster);
    case BackendKind::url:
      if (options.url.empty()) {
        throw Error("STRATA_TEST_BACKEND=url needs STRATA_TEST_DATABASE_URL (an admin URL)");
      }
      return url_server(options.url);
    case BackendKind::docker:
      return DockerServer::start(options.docker_image);
  }
  throw Error("unknown backend");
}

std::shared_ptr<Server> cluster_server(const runtime::Cluster& cluster, BackendKind kind) {
  return std::make_shared<ClusterServer>(cluster, nullptr, kind);
}

std::shared_ptr<Server> cluster_server(std::unique_ptr<runtime::Cluster> cluster, BackendKind kind) {
  const runtime::Cluster& reference = *cluster;
  return std::make_shared<ClusterServer>(reference, std::move(cluster), kind);
}

std::shared_ptr<Server> url_server(const std::string& admin_url) { return std::make_shared<UrlServer>(admin_url); }

}  // namespace strata::testdb
