#include "sql_text.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "../attrs.h"

namespace strata::diff::sql {

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

namespace {

const nlohmann::json& options_or_none(const nlohmann::json* options) {
  static const nlohmann::json kNone = nlohmann::json::object();
  return options && options->is_object() ? *options : kNone;
}

std::string option_item(const std::string& name, const nlohmann::json& value) {
  return model::quote_ident(name) + " " + model::quote_literal(value.get<std::string>());
}

}  // namespace

std::string fdw_options_clause(const nlohmann::json* options) {
  std::vector<std::string> items;
  for (const auto& [name, value] : options_or_none(options).items()) items.push_back(option_item(name, value));
  return items.empty() ? "" : " OPTIONS (" + join(items, ", ") + ")";
}

std::string fdw_options_change(const nlohmann::json* from, const nlohmann::json* to) {
  const nlohmann::json& before = options_or_none(from);
  const nlohmann::json& after = options_or_none(to);
  const auto changes = attrs::keyed_changes(before, after);
  std::vector<std::string> items;
  for (const auto& name : changes.removed) items.push_back("DROP " + model::quote_ident(name));
  for (const auto& name : changes.set) items.push_back((before.contains(name) ? "SET " : "ADD ") + option_item(name, after[name]));
  return items.empty() ? "" : "OPTIONS (" + join(items, ", ") + ")";
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

std::vector<std::string> reloptions_change(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  std::vector<std::string> reset, set;
  for (const auto& option : from) {
    const std::string name = reloption_name(option);
    if (std::none_of(to.begin(), to.end(), [&](const std::string& now) { return reloption_name(now) == name; })) {
      reset.push_back(name);
    }
  }
  for (const auto& option : to) {
    if (std::find(from.begin(), from.end(), option) == from.end()) set.push_back(option);
  }
  std::vector<std::string> clauses;
  if (!reset.empty()) clauses.push_back("RESET (" + join(reset, ", ") + ")");
  if (!set.empty()) clauses.push_back("SET (" + reloption_list(set) + ")");
  return clauses;
}

std::string comment_on(const std::string& target, const std::optional<std::string>& comment) {
  return "COMMENT ON " + target + " IS " + (comment ? model::quote_literal(*comment) : "NULL");
}

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace strata::diff::sql
