#include "child_process.h"

#include <iterator>

namespace strata::runtime {

namespace bp = boost::process;

ChildEnvironment server_environment() {
  auto environment = ChildEnvironment::inherited();
  environment.remove_prefixed("PG").set("TZ", "UTC").set("LC_ALL", "C");
  return environment;
}

CommandResult run_command(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const ChildSetup& setup, const std::filesystem::path& working_dir) {
  bp::ipstream output;
  bp::child child(program.string(), bp::args(args), server_environment(),
                  (bp::std_out & bp::std_err) > output, bp::std_in < bp::null,
                  bp::start_dir = (working_dir.empty() ? "." : working_dir.string()), setup);
  CommandResult result;
  result.output.assign(std::istreambuf_iterator<char>(output), std::istreambuf_iterator<char>());
  child.wait();
  result.exit_code = child.exit_code();
  return result;
}

CommandResult run_client_command(const std::filesystem::path& program, const std::vector<std::string>& args,
                                 const std::vector<std::pair<std::string, std::string>>& extra) {
  auto environment = ChildEnvironment::inherited();
  for (const auto& [name, value] : extra) environment.set(name, value);
  bp::ipstream output;
  bp::child child(program.string(), bp::args(args), environment, (bp::std_out & bp::std_err) > output,
                  bp::std_in < bp::null);
  CommandResult result;
  result.output.assign(std::istreambuf_iterator<char>(output), std::istreambuf_iterator<char>());
  child.wait();
  result.exit_code = child.exit_code();
  return result;
}

std::string describe_command(const std::filesystem::path& program, const std::vector<std::string>& args) {
  std::string text = program.filename().string();
  for (const auto& arg : args) text += " " + arg;
  return text;
}

}  // namespace strata::runtime
