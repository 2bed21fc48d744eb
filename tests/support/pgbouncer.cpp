#include "pgbouncer.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>

namespace strata::testing {

namespace fs = std::filesystem;
namespace bp = boost::process;

namespace {

std::map<std::string, std::string> parse_connection(const std::string& connection_string) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(connection_string.c_str(), &error);
  if (options == nullptr) {
    const std::string message = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    throw std::runtime_error("cannot parse " + connection_string + ": " + message);
  }
  std::map<std::string, std::string> values;
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val != nullptr) values[option->keyword] = option->val;
  }
  PQconninfoFree(options);
  return values;
}

// A loopback port nobody listens on now (the kernel's choice for port 0).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("no free loopback port");
  }
  const int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

std::string log_of(const fs::path& directory) {
  std::ifstream file(directory / "pgbouncer.log");
  return std::string(std::istreambuf_iterator<char>(file), {});
}

}  // namespace

std::unique_ptr<PgBouncer> PgBouncer::start(const std::string& server_connection_string, PoolMode mode,
                                            std::string& skip_reason) {
  const auto program = bp::search_path("pgbouncer", {"/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"});
  if (program.empty()) {
    skip_reason = "no pgbouncer installed (Debian: apt-get install pgbouncer; scripts/install-deps.sh does)";
    return nullptr;
  }
  const auto server = parse_connection(server_connection_string);
  std::unique_ptr<PgBouncer> bouncer(new PgBouncer());
  bouncer->user_ = server.at("user");
  bouncer->port_ = free_port();
  char pattern[] = "/tmp/strata-pgbouncer-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  bouncer->directory_ = pattern;
  const auto& dir = bouncer->directory_;

  // auth_type any: the pooler logs in as the server's user whoever connects (our servers trust
  // local connections). ignore_startup_parameters: what libpq and the runner may send that
  // PgBouncer does not pass on.
  std::ofstream(dir / "pgbouncer.ini")
      << "[databases]\n"
      << "* = host=" << server.at("host") << " port=" << server.at("port") << " user=" << bouncer->user_ << "\n"
      << "[pgbouncer]\n"
      << "listen_addr = 127.0.0.1\nlisten_port = " << bouncer->port_ << "\nunix_socket_dir =\n"
      << "auth_type = any\n"
      << "pool_mode = " << (mode == PoolMode::transaction ? "transaction" : "session") << "\n"
      << "max_client_conn = 500\ndefault_pool_size = 8\n"
      << "ignore_startup_parameters = extra_float_digits,options\n"
      << "logfile = " << (dir / "pgbouncer.log").string() << "\npidfile = " << (dir / "pgbouncer.pid").string() << "\n";

  std::vector<std::string> args = {"-d"};
  if (::geteuid() == 0) {
    // pgbouncer refuses to run as root; like our PostgreSQL servers it runs as nobody.
    const passwd* nobody = ::getpwnam("nobody");
    if (nobody == nullptr) throw std::runtime_error("no `nobody` account to run pgbouncer as");
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (::chown(entry.path().c_str(), nobody->pw_uid, nobody->pw_gid) != 0) throw std::runtime_error("chown failed");
    }
    if (::chown(dir.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) throw std::runtime_error("chown failed");
    args.insert(args.end(), {"-u", "nobody"});
  }
  args.push_back((dir / "pgbouncer.ini").string());
  const int code = bp::system(program, bp::args(args), bp::std_out > bp::null, bp::std_err > bp::null);
  if (code != 0) throw std::runtime_error("pgbouncer exited with " + std::to_string(code) + ":\n" + log_of(dir));

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  const std::string probe = "host=127.0.0.1 port=" + std::to_string(bouncer->port_) + " dbname=postgres user=" + bouncer->user_;
  while (PQping(probe.c_str()) != PQPING_OK) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("pgbouncer does not answer on port " + std::to_string(bouncer->port_) + ":\n" + log_of(dir));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::ifstream(dir / "pgbouncer.pid") >> bouncer->pid_;
  return bouncer;
}

PgBouncer::~PgBouncer() {
  if (pid_ > 0 && ::kill(static_cast<pid_t>(pid_), SIGTERM) == 0) {
    for (int i = 0; i < 500 && ::kill(static_cast<pid_t>(pid_), 0) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

std::string PgBouncer::url(const std::string& dbname) const {
  return "postgresql://" + user_ + "@127.0.0.1:" + std::to_string(port_) + "/" + dbname;
}

}  // namespace strata::testing
