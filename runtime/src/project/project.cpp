#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "strata/project.h"

namespace strata::project {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::set<std::string> kTopLevelKeys = {"schema",       "migrations",        "backup_dir",   "lock_timeout",
                                             "statement_timeout", "lock_retries", "environments", "diff"};
const std::set<std::string> kEnvironmentKeys = {"name", "url_env", "protected", "backup", "fleet"};
const std::set<std::string> kFleetKeys = {"urls_file", "query", "control_url_env", "url_env", "schemas", "schemas_query"};

std::string join(const std::set<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// Parses JSON, refusing an object that repeats a key (nlohmann::json keeps the last one silently).
json parse_json(const std::string& text, const std::string& where) {
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  const json::parser_callback_t callback = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        open_objects.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case json::parse_event_t::key:
        if (!open_objects.empty() && !open_objects.back().insert(parsed.get<std::string>()).second &&
            duplicate.empty()) {
          duplicate = parsed.get<std::string>();
        }
        break;
      default:
        break;
    }
    return true;
  };
  json document;
  try {
    document = json::parse(text, callback);
  } catch (const json::parse_error& error) {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..." -> after the tag
    std::string message = error.what();
    if (const auto end_of_tag = message.find("] "); end_of_tag != std::string::npos) {
      message = message.substr(end_of_tag + 2);
    }
    throw ProjectError(where + ": invalid JSON: " + message);
  }
  if (!duplicate.empty()) throw ProjectError(where + ": key \"" + duplicate + "\" appears twice in one object");
  return document;
}

std::string type_name(const json& value) { return value.type_name(); }

std::string string_value(const json& value, const std::string& where) {
  if (!value.is_string()) throw ProjectError(where + ": expected a string, got " + type_name(value));
  return value.get<std::string>();
}

bool bool_value(const json& value, const std::string& where) {
  if (!value.is_boolean()) throw ProjectError(where + ": expected true or false, got " + type_name(value));
  return value.get<bool>();
}

std::chrono::milliseconds duration_value(const json& value, const std::string& where) {
  if (value.is_number_unsigned()) return std::chrono::milliseconds(value.get<std::uint64_t>());
  if (!value.is_string()) {
    throw ProjectError(where + ": expected a duration (\"5s\", \"200ms\", \"15min\", \"1h\" or milliseconds), got " +
                       value.dump());
  }
  try {
    return parse_duration(value.get<std::string>());
  } catch (const Error& error) {
    throw ProjectError(where + ": " + error.message());
  }
}

fs::path path_value(const json& value, const std::string& where, const fs::path& root) {
  const std::string text = string_value(value, where);
  if (text.empty()) throw ProjectError(where + ": must not be empty");
  return (root / text).lexically_normal();
}

void check_keys(const json& object, const std::set<std::string>& known, const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    if (!known.count(key)) {
      throw ProjectError(where + ": unknown key \"" + key + "\" (known keys: " + join(known) + ")");
    }
  }
}


Environment parse_environment(const json& entry, const std::string& where, const fs::path& root) {
  if (!entry.is_object()) throw ProjectError(where + ": expected an object, got " + type_name(entry));
  Environment environment;
  if (!entry.contains("name")) throw ProjectError(where + ": \"name\" is missing");
  environment.name = string_value(entry["name"], where + ".name");
  if (environment.name.empty()) throw ProjectError(where + ".name: must not be empty");
  const std::string named = where + " (" + environment.name + ")";
  check_keys(entry, kEnvironmentKeys, named);
  const auto variable = [&](const json& value, const std::string& what) {
    auto name = string_value(value, what);
    if (!valid_variable_name(name)) {
      throw ProjectError(what + ": \"" + name + "\" is not an environment variable name (letters, digits, _)");
    }
    return name;
  };
  if (entry.contains("fleet")) {
    const auto& fleet_entry = entry["fleet"];
    const std::string fleet_where = named + ".fleet";
    if (!fleet_entry.is_object()) throw ProjectError(fleet_where + ": expected an object, got " + type_name(fleet_entry));
    check_keys(fleet_entry, kFleetKeys, fleet_where);
    if (entry.contains("url_env")) throw ProjectError(named + ": a fleet has no \"url_env\" (its targets come from \"fleet\")");
    Fleet fleet;
    if (fleet_entry.contains("urls_file")) fleet.urls_file = path_value(fleet_entry["urls_file"], fleet_where + ".urls_file", root);
    if (fleet_entry.contains("query")) fleet.query = string_value(fleet_entry["query"], fleet_where + ".query");
    if (fleet_entry.contains("control_url_env")) fleet.control_url_env = variable(fleet_entry["control_url_env"], fleet_where + ".control_url_env");
    if (fleet_entry.contains("url_env")) fleet.url_env = variable(fleet_entry["url_env"], fleet_where + ".url_env");
    if (fleet_entry.contains("schemas_query")) fleet.schemas_query = string_value(fleet_entry["schemas_query"], fleet_where + ".schemas_query");
    if (fleet_entry.contains("schemas")) {
      const auto& schemas = fleet_entry["schemas"];
      if (!schemas.is_array()) throw ProjectError(fleet_where + ".schemas: expected an array of schema names, got " + type_name(schemas));
      for (const auto& schema : schemas) fleet.schemas.push_back(string_value(schema, fleet_where + ".schemas[]"));
      if (fleet.schemas.empty()) throw ProjectError(fleet_where + ".schemas: empty");
    }
    const int sources = !fleet.urls_file.empty() + !fleet.query.empty() + !fleet.schemas.empty() + !fleet.schemas_query.empty();
    if (sources != 1) {
      throw ProjectError(fleet_where + ": give one of \"urls_file\", \"query\" (with \"control_url_env\"), \"schemas\" or "
                                       "\"schemas_query\" (with \"url_env\")");
    }
    if ((!fleet.schemas.empty() || !fleet.schemas_query.empty()) && fleet.url_env.empty()) {
      throw ProjectError(fleet_where + ": a fleet of schemas needs \"url_env\", the variable holding their database's URL");
    }
    if (!fleet.query.empty() && fleet.control_url_env.empty()) {
      throw ProjectError(fleet_where + ": \"query\" needs \"control_url_env\", the variable holding the control database's URL");
    }
    environment.fleet = std::move(fleet);
  } else {
    if (!entry.contains("url_env")) throw ProjectError(named + ": \"url_env\" is missing");
    environment.url_env = variable(entry["url_env"], named + ".url_env");
  }
  if (entry.contains("protected")) environment.is_protected = bool_value(entry["protected"], named + ".protected");
  if (entry.contains("backup")) environment.backup = bool_value(entry["backup"], named + ".backup");
  return environment;
}

}  // namespace

const Environment* Project::find_environment(const std::string& name) const {
  for (const auto& environment : environments) {
    if (environment.name == name) return &environment;
  }
  return nullptr;
}

const Environment* Project::previous(const Environment& environment) const {
  for (std::size_t i = 1; i < environments.size(); ++i) {
    if (environments[i].name == environment.name) return &environments[i - 1];
  }
  return nullptr;
}

const Environment* Project::next(const Environment& environment) const {
  for (std::size_t i = 0; i + 1 < environments.size(); ++i) {
    if (environments[i].name == environment.name) return &environments[i + 1];
  }
  return nullptr;
}

const Environment& Project::environment(const std::string& name) const {
  if (const auto* found = find_environment(name)) return *found;
  std::string known;
  for (const auto& environment : environments) known += (known.empty() ? "" : ", ") + environment.name;
  throw ProjectError(file.string() + ": no environment \"" + name + "\"" +
                     (known.empty() ? std::string(" (it declares none)") : " (it declares " + known + ")"));
}

Project parse_project(const std::string& text, const fs::path& file) {
  const std::string where = file.string();
  const json document = parse_json(text, where);
  if (!document.is_object()) throw ProjectError(where + ": expected a JSON object, got " + type_name(document));
  check_keys(document, kTopLevelKeys, where);

  Project project;
  project.file = fs::absolute(file).lexically_normal();
  project.root = project.file.parent_path();
  project.schema = document.contains("schema") ? path_value(document["schema"], where + ": schema", project.root)
                                               : project.root / "schema";
  project.migrations = document.contains("migrations")
                           ? path_value(document["migrations"], where + ": migrations", project.root)
                           : project.schema / "migrations";
  project.backup_dir = document.contains("backup_dir")
                           ? path_value(document["backup_dir"], where + ": backup_dir", project.root)
                           : project.root / ".strata" / "backups";
  if (document.contains("lock_timeout")) {
    project.lock_timeout = duration_value(document["lock_timeout"], where + ": lock_timeout");
  }
  if (document.contains("statement_timeout")) {
    project.statement_timeout = duration_value(document["statement_timeout"], where + ": statement_timeout");
  }
  if (document.contains("lock_retries")) {
    const auto& retries = document["lock_retries"];
    if (!retries.is_number_unsigned() || retries.get<std::uint64_t>() > 100) {
      throw ProjectError(where + ": lock_retries: expected a whole number from 0 to 100, got " + retries.dump());
    }
    project.lock_retries = retries.get<int>();
  }
  if (document.contains("diff")) {
    const auto& diff = document["diff"];
    if (!diff.is_object()) throw ProjectError(where + ": diff: expected an object, got " + type_name(diff));
    check_keys(diff, {"owners", "privileges"}, where + ": diff");
    for (const auto& [key, value] : diff.items()) {
      if (!value.is_boolean()) throw ProjectError(where + ": diff: " + key + ": expected true or false, got " + value.dump());
    }
    project.diff_owners = diff.value("owners", true);
    project.diff_privileges = diff.value("privileges", true);
  }
  if (document.contains("environments")) {
    const auto& environments = document["environments"];
    if (!environments.is_array()) {
      throw ProjectError(where + ": environments: expected an array, got " + type_name(environments));
    }
    for (std::size_t i = 0; i < environments.size(); ++i) {
      auto environment = parse_environment(environments[i], where + ": environments[" + std::to_string(i) + "]", project.root);
      if (project.find_environment(environment.name)) {
        throw ProjectError(where + ": environment \"" + environment.name + "\" is declared twice");
      }
      project.environments.push_back(std::move(environment));
    }
  }
  return project;
}

Project load_project(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ProjectError(file.string() + ": cannot read the project file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_project(text.str(), file);
}

std::optional<fs::path> find_project_file(const fs::path& start) {
  std::error_code error;
  for (fs::path dir = fs::absolute(start).lexically_normal();; dir = dir.parent_path()) {
    const fs::path candidate = dir / kProjectFileName;
    if (fs::is_regular_file(candidate, error)) return candidate;
    if (dir == dir.root_path() || dir.parent_path() == dir) return std::nullopt;
  }
}

bool valid_variable_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (const unsigned char c : name) {
    if (!std::isalnum(c) && c != '_') return false;
  }
  return true;
}

std::optional<std::string> environment_url_if_set(const Environment& environment) {
  if (environment.url_env.empty()) return std::nullopt;
  const char* value = std::getenv(environment.url_env.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string environment_url(const Environment& environment) {
  if (environment.fleet) {
    throw ProjectError("environment " + environment.name + " is a fleet of databases, not one: `strata migrate`, "
                       "`strata status` and `strata verify` work on it (docs/fleets.md)");
  }
  if (auto url = environment_url_if_set(environment)) return *url;
  throw ProjectError("environment " + environment.name + ": " + environment.url_env +
                     " is not set (it holds the database URL of " + environment.name + ")");
}

}  // namespace strata::project
