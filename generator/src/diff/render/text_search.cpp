// Text search dictionaries and configurations. A dictionary's options change in place; a
// configuration's token mappings change in place; a new template or parser recreates them.
#include <map>

#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;

const nlohmann::json& options_of(const Object& dictionary) { return attrs::object_or_empty(&dictionary.attrs, "options"); }

std::vector<std::string> option_list(const nlohmann::json& options) {
  std::vector<std::string> out;
  for (const auto& [name, value] : options.items()) out.push_back(name + " = " + value.get<std::string>());
  return out;
}

class TextSearchDictionaryRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& dictionary, const RenderContext&) const override {
    std::vector<std::string> parts{"TEMPLATE = " + attrs::text(dictionary.attrs, "template")};
    for (auto& option : option_list(options_of(dictionary))) parts.push_back(std::move(option));
    return {"CREATE TEXT SEARCH DICTIONARY " + sql::name_of(dictionary) + " (" + sql::join(parts, ", ") + ")"};
  }
  std::vector<std::string> drop(const Object& dictionary, const RenderContext&) const override {
    return {"DROP TEXT SEARCH DICTIONARY " + sql::name_of(dictionary)};
  }
  // Options are set by name, and removed by naming them without a value.
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    if (!attrs::equal_except(from.attrs, to.attrs, {"options"})) return AlterOutcome::recreate_because("its template changes");
    std::vector<std::string> changes = option_list(options_of(to));
    for (auto& removed : attrs::keyed_changes(options_of(from), options_of(to)).removed) changes.push_back(std::move(removed));
    AlterOutcome outcome;
    outcome.statements.push_back("ALTER TEXT SEARCH DICTIONARY " + sql::name_of(to) + " (" + sql::join(changes, ", ") + ")");
    return outcome;
  }
  std::string comment_target(const Object& dictionary, const CatalogGraph&) const override {
    return "TEXT SEARCH DICTIONARY " + sql::name_of(dictionary);
  }
};

class TextSearchConfigurationRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& configuration, const RenderContext&) const override {
    std::vector<std::string> statements{"CREATE TEXT SEARCH CONFIGURATION " + sql::name_of(configuration) +
                                        " (PARSER = " + attrs::text(configuration.attrs, "parser") + ")"};
    append_mappings(statements, configuration, "ADD", mappings(configuration));
    return statements;
  }
  std::vector<std::string> drop(const Object& configuration, const RenderContext&) const override {
    return {"DROP TEXT SEARCH CONFIGURATION " + sql::name_of(configuration)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    if (!attrs::equal_except(from.attrs, to.attrs, {"mappings"})) return AlterOutcome::recreate_because("its parser changes");
    const Mappings before = mappings(from);
    const Mappings after = mappings(to);
    std::vector<std::string> dropped;
    Mappings added;
    Mappings changed;
    for (const auto& [token, dictionaries] : before) {
      if (!after.count(token)) dropped.push_back(token);
    }
    for (const auto& [token, dictionaries] : after) {
      auto it = before.find(token);
      if (it == before.end()) added[token] = dictionaries;
      else if (it->second != dictionaries) changed[token] = dictionaries;
    }
    AlterOutcome outcome;
    if (!dropped.empty()) {
      outcome.statements.push_back(prefix(to) + "DROP MAPPING FOR " + sql::join(dropped, ", "));
    }
    append_mappings(outcome.statements, to, "ALTER", changed);
    append_mappings(outcome.statements, to, "ADD", added);
    return outcome;
  }
  std::string comment_target(const Object& configuration, const CatalogGraph&) const override {
    return "TEXT SEARCH CONFIGURATION " + sql::name_of(configuration);
  }

 private:
  using Mappings = std::map<std::string, std::vector<std::string>>;  // token type -> dictionaries

  static Mappings mappings(const Object& configuration) {
    Mappings out;
    const nlohmann::json* all = attrs::field(configuration.attrs, "mappings");
    if (all == nullptr || !all->is_object()) return out;
    for (const auto& [token, dictionaries] : all->items()) out[token] = dictionaries.get<std::vector<std::string>>();
    return out;
  }

  static std::string prefix(const Object& configuration) {
    return "ALTER TEXT SEARCH CONFIGURATION " + sql::name_of(configuration) + " ";
  }

  // One statement per list of dictionaries, naming every token type that uses it.
  static void append_mappings(std::vector<std::string>& statements, const Object& configuration,
                              const std::string& verb, const Mappings& mappings) {
    std::map<std::vector<std::string>, std::vector<std::string>> tokens_by_dictionaries;
    for (const auto& [token, dictionaries] : mappings) tokens_by_dictionaries[dictionaries].push_back(token);
    for (const auto& [dictionaries, tokens] : tokens_by_dictionaries) {
      statements.push_back(prefix(configuration) + verb + " MAPPING FOR " + sql::join(tokens, ", ") + " WITH " +
                           sql::join(dictionaries, ", "));
    }
  }
};

}  // namespace

const KindRenderer& text_search_dictionary_renderer() {
  static const TextSearchDictionaryRenderer renderer;
  return renderer;
}

const KindRenderer& text_search_configuration_renderer() {
  static const TextSearchConfigurationRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
