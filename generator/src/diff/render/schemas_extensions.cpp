// Schemas and extensions.
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;
using model::quote_ident;
using model::quote_literal;

class SchemaRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& schema, const RenderContext&) const override {
    return {"CREATE SCHEMA " + quote_ident(schema.name)};
  }
  std::vector<std::string> drop(const Object& schema, const RenderContext&) const override {
    return {"DROP SCHEMA " + quote_ident(schema.name)};
  }
  AlterOutcome alter(const Object&, const Object&, const RenderContext&) const override {
    return {};  // a schema has no attributes of its own (owner and grants are not modelled)
  }
  std::string comment_target(const Object& schema, const CatalogGraph&) const override {
    return "SCHEMA " + quote_ident(schema.name);
  }
};

class ExtensionRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& extension, const RenderContext&) const override {
    std::string sql = "CREATE EXTENSION IF NOT EXISTS " + quote_ident(extension.name);
    if (auto schema = attrs::optional_text(extension.attrs, "schema")) sql += " WITH SCHEMA " + quote_ident(*schema);
    if (auto version = attrs::optional_text(extension.attrs, "version")) sql += " VERSION " + quote_literal(*version);
    return {sql};
  }
  std::vector<std::string> drop(const Object& extension, const RenderContext&) const override {
    return {"DROP EXTENSION " + quote_ident(extension.name)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    AlterOutcome outcome;
    const std::string name = quote_ident(to.name);
    const auto schema = attrs::optional_text(to.attrs, "schema");
    if (schema && schema != attrs::optional_text(from.attrs, "schema")) {
      outcome.statements.push_back("ALTER EXTENSION " + name + " SET SCHEMA " + quote_ident(*schema));
    }
    const auto version = attrs::optional_text(to.attrs, "version");
    if (version && version != attrs::optional_text(from.attrs, "version")) {
      outcome.statements.push_back("ALTER EXTENSION " + name + " UPDATE TO " + quote_literal(*version));
    }
    return outcome;
  }
  std::string comment_target(const Object& extension, const CatalogGraph&) const override {
    return "EXTENSION " + quote_ident(extension.name);
  }
};

}  // namespace

const KindRenderer& schema_renderer() {
  static const SchemaRenderer renderer;
  return renderer;
}

const KindRenderer& extension_renderer() {
  static const ExtensionRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
