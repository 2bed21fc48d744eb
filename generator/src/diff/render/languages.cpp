// Procedural languages: CREATE OR REPLACE LANGUAGE changes one in place, keeping its functions.
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;

std::string language_definition(const Object& language, bool replace) {
  const auto& a = language.attrs;
  std::string sql = std::string("CREATE ") + (replace ? "OR REPLACE " : "") + (attrs::flag(a, "trusted") ? "TRUSTED " : "") +
                    "LANGUAGE " + model::quote_ident(language.name) + " HANDLER " + attrs::text(a, "handler");
  if (auto function = attrs::optional_text(a, "inline")) sql += " INLINE " + *function;
  if (auto function = attrs::optional_text(a, "validator")) sql += " VALIDATOR " + *function;
  return sql;
}

class LanguageRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& language, const RenderContext&) const override {
    return {language_definition(language, false)};
  }
  std::vector<std::string> drop(const Object& language, const RenderContext&) const override {
    return {"DROP LANGUAGE " + model::quote_ident(language.name)};
  }
  AlterOutcome alter(const Object&, const Object& to, const RenderContext&) const override {
    AlterOutcome outcome;
    outcome.statements.push_back(language_definition(to, true));
    return outcome;
  }
  std::string comment_target(const Object& language, const CatalogGraph&) const override {
    return "LANGUAGE " + model::quote_ident(language.name);
  }
};

}  // namespace

const KindRenderer& language_renderer() {
  static const LanguageRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
