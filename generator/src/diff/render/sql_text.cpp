#include "sql_text.h"

#include <cctype>
#include <stdexcept>

namespace strata::diff::sql {

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string name_of(const model::Object& object) { return model::qualified_name(object.schema, object.name); }

std::string owner_name(const model::Object& child, const CatalogGraph& graph) {
  const model::Object* owner = graph.find(child.parent);
  if (!owner) throw std::logic_error("object '" + child.key + "' has no parent '" + child.parent + "' in its catalog");
  return name_of(*owner);
}

std::string without_terminator(std::string definition) {
  auto trim_space = [&] {
    while (!definition.empty() && std::isspace(static_cast<unsigned char>(definition.back()))) definition.pop_back();
  };
  trim_space();
  if (!definition.empty() && definition.back() == ';') definition.pop_back();
  trim_space();
  return definition;
}

std::string reloption_name(const std::string& option) { return option.substr(0, option.find('=')); }

std::string reloption_list(const std::vector<std::string>& options) {
  std::vector<std::string> rendered;
  for (const auto& option : options) {
    const auto equals = option.find('=');
    if (equals == std::string::npos) {
      rendered.push_back(option);
      continue;
    }
    const std::string value = option.substr(equals + 1);
    bool plain = !value.empty();
    for (unsigned char c : value) plain = plain && (std::isalnum(c) || c == '_' || c == '.');
    rendered.push_back(option.substr(0, equals) + "=" + (plain ? value : model::quote_literal(value)));
  }
  return join(rendered, ", ");
}

std::string comment_on(const std::string& target, const std::optional<std::string>& comment) {
  return "COMMENT ON " + target + " IS " + (comment ? model::quote_literal(*comment) : "NULL");
}

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace strata::diff::sql
