#include "http_server.h"

#include <httplib.h>

#include <stdexcept>

namespace example {

BootstrapServer::BootstrapServer(const MigrateEndpoint& endpoint) : server_(std::make_unique<httplib::Server>()) {
  const auto handler = [&endpoint](const httplib::Request& request, httplib::Response& response) {
    const auto result = endpoint.handle(request.method, request.get_header_value(MigrateEndpoint::kSecretHeader));
    response.status = result.status;
    if (result.status == 405) response.set_header("Allow", "POST");
    response.set_content(result.body.dump() + "\n", "application/json");
  };
  server_->Post(MigrateEndpoint::kPath, handler);
  server_->Get(MigrateEndpoint::kPath, handler);
  server_->Put(MigrateEndpoint::kPath, handler);
  server_->Patch(MigrateEndpoint::kPath, handler);
  server_->Delete(MigrateEndpoint::kPath, handler);
  server_->Options(MigrateEndpoint::kPath, handler);
}

BootstrapServer::~BootstrapServer() { stop(); }

int BootstrapServer::bind(const std::string& host, int port) {
  if (port == 0) {
    const int bound = server_->bind_to_any_port(host.c_str());
    if (bound < 0) throw std::runtime_error("cannot bind to " + host);
    return bound;
  }
  if (!server_->bind_to_port(host.c_str(), port)) {
    throw std::runtime_error("cannot bind to " + host + ":" + std::to_string(port));
  }
  return port;
}

void BootstrapServer::serve() { server_->listen_after_bind(); }

void BootstrapServer::stop() {
  if (server_) server_->stop();
}

}  // namespace example
