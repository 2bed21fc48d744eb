// strata_example: the example service.
//
//   strata_example demo  [--url URL]          add an account, a project and two tasks; list them
//   strata_example serve [--url URL] [--port N] [--host H]
//                                            the bootstrap endpoint POST /admin/migrate
//                                            (secret: $BOOTSTRAP_SECRET; needs cpp-httplib)
//
// URL defaults to $DATABASE_URL. `demo` first checks that the database has every migration the
// program was built with (app::db::require_current); `serve` applies them on request.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bootstrap.h"
#include "tasks.h"
#ifdef STRATA_EXAMPLE_HTTP
#include "http_server.h"
#endif

namespace {

int usage() {
  std::cerr << "usage: strata_example demo|serve [--url URL] [--host H] [--port N]\n";
  return 2;
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string command = argv[1];
  std::string url = env("DATABASE_URL");
  std::string host = "127.0.0.1";
  int port = 8080;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--url") url = argv[i + 1];
    else if (option == "--host") host = argv[i + 1];
    else if (option == "--port") port = std::stoi(argv[i + 1]);
    else return usage();
  }
  if (url.empty()) {
    std::cerr << "strata_example: no database (--url or DATABASE_URL)\n";
    return 2;
  }
  try {
    if (command == "demo") {
      example::Tasks tasks(url);
      const auto account = tasks.add_account("ada" + std::to_string(std::rand()) + "@example.com", "Ada");
      const auto project = tasks.add_project(account.id, "engine " + std::to_string(account.id));
      const auto first = tasks.add_task(project.id, "design the mill");
      tasks.add_task(project.id, "write the notes");
      tasks.finish(first.id);
      for (const auto& task : tasks.tasks_of(project.id)) {
        std::cout << task.id << "\t" << app::db::to_string(task.status) << "\t" << task.title << "\n";
      }
      return 0;
    }
    if (command == "serve") {
#ifdef STRATA_EXAMPLE_HTTP
      example::MigrateEndpoint endpoint(url, env("BOOTSTRAP_SECRET"));
      example::BootstrapServer server(endpoint);
      const int bound = server.bind(host, port);
      std::cerr << "strata_example: POST http://" << host << ":" << bound << example::MigrateEndpoint::kPath << "\n";
      server.serve();
      return 0;
#else
      (void)host;
      (void)port;
      std::cerr << "strata_example: built without cpp-httplib (libcpp-httplib-dev): no HTTP endpoint\n";
      return 2;
#endif
    }
    return usage();
  } catch (const std::exception& error) {
    std::cerr << "strata_example: " << error.what() << "\n";
    return 1;
  }
}
