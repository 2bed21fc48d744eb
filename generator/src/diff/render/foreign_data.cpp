// Foreign data wrappers and foreign servers: handler, validator, type, version and options all
// change in place.
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;
using model::quote_ident;

std::string function_clause(const Object& wrapper, const char* attr, const std::string& keyword) {
  const auto function = attrs::optional_text(wrapper.attrs, attr);
  return function ? keyword + " " + *function : "NO " + keyword;
}

class ForeignDataWrapperRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& wrapper, const RenderContext&) const override {
    std::string sql = "CREATE FOREIGN DATA WRAPPER " + quote_ident(wrapper.name);
    for (const auto& [attr, keyword] : kFunctions) {
      if (auto function = attrs::optional_text(wrapper.attrs, attr)) sql += " " + std::string(keyword) + " " + *function;
    }
    return {sql + sql::fdw_options_clause(attrs::field(wrapper.attrs, "options"))};
  }
  std::vector<std::string> drop(const Object& wrapper, const RenderContext&) const override {
    return {"DROP FOREIGN DATA WRAPPER " + quote_ident(wrapper.name)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    std::vector<std::string> changes;
    for (const auto& [attr, keyword] : kFunctions) {
      if (attrs::optional_text(from.attrs, attr) != attrs::optional_text(to.attrs, attr)) {
        changes.push_back(function_clause(to, attr, keyword));
      }
    }
    const std::string options = sql::fdw_options_change(attrs::field(from.attrs, "options"), attrs::field(to.attrs, "options"));
    if (!options.empty()) changes.push_back(options);
    AlterOutcome outcome;
    if (!changes.empty()) outcome.statements.push_back("ALTER FOREIGN DATA WRAPPER " + quote_ident(to.name) + " " + sql::join(changes, " "));
    return outcome;
  }
  std::string comment_target(const Object& wrapper, const CatalogGraph&) const override {
    return "FOREIGN DATA WRAPPER " + quote_ident(wrapper.name);
  }

 private:
  static constexpr std::pair<const char*, const char*> kFunctions[] = {{"handler", "HANDLER"}, {"validator", "VALIDATOR"}};
};

class ForeignServerRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& server, const RenderContext&) const override {
    std::string sql = "CREATE SERVER " + quote_ident(server.name);
    if (auto type = attrs::optional_text(server.attrs, "type")) sql += " TYPE " + model::quote_literal(*type);
    if (auto version = attrs::optional_text(server.attrs, "version")) sql += " VERSION " + model::quote_literal(*version);
    sql += " FOREIGN DATA WRAPPER " + quote_ident(attrs::text(server.attrs, "wrapper"));
    return {sql + sql::fdw_options_clause(attrs::field(server.attrs, "options"))};
  }
  std::vector<std::string> drop(const Object& server, const RenderContext&) const override {
    return {"DROP SERVER " + quote_ident(server.name)};
  }
  // ALTER SERVER cannot change the wrapper or the type, nor remove a version.
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    const auto version = attrs::optional_text(to.attrs, "version");
    if (!attrs::equal_except(from.attrs, to.attrs, {"version", "options"}) ||
        (!version && attrs::optional_text(from.attrs, "version"))) {
      return AlterOutcome::recreate_because("its wrapper, type or version changes");
    }
    std::vector<std::string> changes;
    if (version != attrs::optional_text(from.attrs, "version")) changes.push_back("VERSION " + model::quote_literal(*version));
    const std::string options = sql::fdw_options_change(attrs::field(from.attrs, "options"), attrs::field(to.attrs, "options"));
    if (!options.empty()) changes.push_back(options);
    AlterOutcome outcome;
    if (!changes.empty()) outcome.statements.push_back("ALTER SERVER " + quote_ident(to.name) + " " + sql::join(changes, " "));
    return outcome;
  }
  std::string comment_target(const Object& server, const CatalogGraph&) const override {
    return "SERVER " + quote_ident(server.name);
  }
};

}  // namespace

const KindRenderer& foreign_data_wrapper_renderer() {
  static const ForeignDataWrapperRenderer renderer;
  return renderer;
}

const KindRenderer& foreign_server_renderer() {
  static const ForeignServerRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
