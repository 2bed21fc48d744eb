// The bootstrap endpoint (bootstrap.h) over HTTP with cpp-httplib: POST /admin/migrate with the
// secret in the X-Bootstrap-Secret header; any other method on that path is 405.
#pragma once

#include <memory>
#include <string>

#include "bootstrap.h"

namespace httplib {
class Server;
}

namespace example {

class BootstrapServer {
 public:
  explicit BootstrapServer(const MigrateEndpoint& endpoint);
  ~BootstrapServer();
  BootstrapServer(const BootstrapServer&) = delete;
  BootstrapServer& operator=(const BootstrapServer&) = delete;

  // Binds to host:port (port 0: any free port); returns the port. Throws when it cannot bind.
  int bind(const std::string& host, int port);
  // Serves until stop() (from another thread).
  void serve();
  void stop();

 private:
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace example
