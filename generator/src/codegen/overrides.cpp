// The --types file: SQL type -> C++ type, header and conversions.
#include <fstream>
#include <sstream>

#include "strata/codegen.h"

namespace strata::codegen {
namespace {

bool is_qualified_cpp_name(const std::string& text) {
  // A function or type name as the generated code will spell it: identifiers joined by "::",
  // optionally with a leading "::" (and template arguments for types, which are not checked).
  return !text.empty() && text.find_first_of(";{}\n\"'") == std::string::npos;
}

}  // namespace

TypeOverrides parse_type_overrides(const nlohmann::json& json) {
  const auto bad = [](const std::string& why) { return CodegenError("type overrides: " + why); };
  if (!json.is_object() || !json.contains("types") || !json["types"].is_object()) {
    throw bad("expected {\"types\": {\"<SQL type>\": {\"cpp\": ..., \"include\": ...}}}");
  }
  for (const auto& [key, value] : json.items()) {
    if (key != "types") throw bad("unknown member \"" + key + "\" (only \"types\")");
    (void)value;
  }
  TypeOverrides overrides;
  for (const auto& [sql_type, entry] : json["types"].items()) {
    if (!entry.is_object()) throw bad("\"" + sql_type + "\" must map to an object");
    TypeOverride override;
    for (const auto& [member, value] : entry.items()) {
      if (member == "include") {
        if (value.is_string()) {
          override.includes.push_back(value.get<std::string>());
        } else if (value.is_array()) {
          for (const auto& include : value) {
            if (!include.is_string()) throw bad("\"" + sql_type + "\".include must be a string or a list of strings");
            override.includes.push_back(include.get<std::string>());
          }
        } else {
          throw bad("\"" + sql_type + "\".include must be a string or a list of strings");
        }
        continue;
      }
      if (!value.is_string()) throw bad("\"" + sql_type + "\"." + member + " must be a string");
      const auto text = value.get<std::string>();
      if (member == "cpp") {
        override.cpp = text;
      } else if (member == "to_text") {
        override.to_text = text;
      } else if (member == "from_text") {
        override.from_text = text;
      } else {
        throw bad("\"" + sql_type + "\": unknown member \"" + member + "\" (cpp, include, to_text, from_text)");
      }
    }
    if (!is_qualified_cpp_name(override.cpp)) throw bad("\"" + sql_type + "\" needs a C++ type in \"cpp\"");
    for (const auto* function : {&override.to_text, &override.from_text}) {
      if (!function->empty() && !is_qualified_cpp_name(*function)) {
        throw bad("\"" + sql_type + "\": \"" + *function + "\" is not a function name");
      }
    }
    overrides[sql_type] = std::move(override);
  }
  return overrides;
}

TypeOverrides read_type_overrides(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CodegenError(file.string() + ": cannot read");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return parse_type_overrides(nlohmann::json::parse(text.str()));
  } catch (const nlohmann::json::exception& error) {
    throw CodegenError(file.string() + ": " + error.what());
  } catch (const CodegenError& error) {
    throw CodegenError(file.string() + ": " + error.what());
  }
}

}  // namespace strata::codegen
