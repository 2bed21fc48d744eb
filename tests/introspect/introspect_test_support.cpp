#include "introspect_test_support.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace strata::introspect::testing {
namespace {

// Runs `program` with `arguments` (no shell, so nothing needs quoting); throws unless it exits 0.
void run_program(const std::string& program, std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), program);
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot run " + program);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(program + " failed on " + arguments.back());
  }
}

}  // namespace

void IntrospectTest::run_sql(const std::string& sql) const {
  strata::testing::exec(database_.connection_string(), sql);
}

void IntrospectTest::load_file(const std::filesystem::path& file) const {
  const auto psql = strata::testing::shared_cluster().binaries().tool("psql");
  run_program(psql.string(), {"--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1",
                              "--output", "/dev/null", "--dbname", database_.connection_string(),
                              "--file", file.string()});
}

Result IntrospectTest::introspect_database() { return introspect(database_.connection()); }

model::Catalog IntrospectTest::catalog_after(const std::string& sql) {
  run_sql(sql);
  return introspect_database().catalog;
}

const model::Object& object_at(const model::Catalog& catalog, const std::string& key) {
  if (const auto* object = catalog.find(key)) return *object;
  std::string message = "no object '" + key + "'; the catalog has:";
  const std::string kind_prefix = key.substr(0, key.find(':') + 1);
  for (const auto& [other_key, object] : catalog.objects) {
    if (other_key.starts_with(kind_prefix)) message += "\n  " + other_key;
  }
  throw std::runtime_error(message);
}

std::vector<std::string> keys_of_kind(const model::Catalog& catalog, model::Kind kind) {
  std::vector<std::string> keys;
  for (const auto& [key, object] : catalog.objects) {
    if (object.kind == kind) keys.push_back(key);
  }
  return keys;
}

std::vector<std::string> dangling_references(const model::Catalog& catalog) {
  std::vector<std::string> dangling;
  auto check = [&](const std::string& from, const nlohmann::json& key) {
    if (key.is_string() && catalog.find(key.get<std::string>()) == nullptr) {
      dangling.push_back(from + " -> " + key.get<std::string>());
    }
  };
  for (const auto& [key, object] : catalog.objects) {
    for (const auto& dependency : object.depends_on) check(key, dependency);
    if (!object.parent.empty()) check(key, object.parent);
    for (const char* attr : {"partition_of", "parent_index", "parent_constraint", "table", "referenced_table"}) {
      if (object.attrs.contains(attr)) check(key, object.attrs[attr]);
    }
    if (object.attrs.contains("inherits")) {
      for (const auto& parent : object.attrs["inherits"]) check(key, parent);
    }
  }
  return dangling;
}

std::vector<std::string> warning_texts(const std::vector<Warning>& warnings) {
  std::vector<std::string> texts;
  for (const auto& warning : warnings) texts.push_back(warning.object + ": " + warning.message);
  return texts;
}

}  // namespace strata::introspect::testing
