#include "connect.h"

#include "strata/runner.h"

namespace strata::runner {

pg::Session connect(const std::string& connection, const char* application_name) {
  try {
    pg::Session session(connection, application_name);
    const char* conforming = PQparameterStatus(session.get(), "standard_conforming_strings");
    if (conforming == nullptr || std::string(conforming) != "on") {
      throw RunnerError(session.target() + ": standard_conforming_strings is off; the runner needs it on");
    }
    return session;
  } catch (const RunnerError&) {
    throw;
  } catch (const Error& error) {
    throw RunnerError(error.message(), error.info());  // a connection failure is the runner's refusal to run
  }
}

}  // namespace strata::runner
