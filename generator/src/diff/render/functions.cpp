// Functions, procedures, aggregates and window functions.
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"
#include "strata/diff.h"

namespace strata::diff {
namespace {

using model::Object;

std::string routine_word(const Object& function) {
  const std::string kind = attrs::text(function.attrs, "function_kind");
  if (kind == "procedure") return "PROCEDURE";
  if (kind == "aggregate") return "AGGREGATE";
  return "FUNCTION";
}

// The input argument types identify a function and are part of its key (docs/model.md:
// "function:SCHEMA.NAME(ARG TYPES)"), so they are read back from it, checked against the
// object's schema and name.
std::string argument_types(const Object& function) {
  const std::string prefix = "function:" + function.schema + "." + function.name + "(";
  if (!function.key.starts_with(prefix) || !function.key.ends_with(")")) {
    throw DiffError(function.key, "function key '" + function.key + "' does not have the form function:" +
                                      function.schema + "." + function.name + "(ARG TYPES)");
  }
  return function.key.substr(prefix.size(), function.key.size() - prefix.size() - 1);
}

std::string signature(const Object& function) {
  return sql::name_of(function) + "(" + argument_types(function) + ")";
}

std::string definition(const Object& function) { return sql::without_terminator(attrs::text(function.attrs, "definition")); }

// pg_get_functiondef already says CREATE OR REPLACE; introspection's aggregates do not.
std::string replacing_definition(const Object& function) {
  std::string text = definition(function);
  const std::string plain = "CREATE AGGREGATE ";
  if (text.starts_with(plain)) text = "CREATE OR REPLACE AGGREGATE " + text.substr(plain.size());
  return text;
}

class FunctionRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& function, const RenderContext&) const override {
    return {definition(function)};
  }
  std::vector<std::string> drop(const Object& function, const RenderContext&) const override {
    return {"DROP " + routine_word(function) + " " + signature(function)};
  }
  // CREATE OR REPLACE cannot change the kind, argument names or defaults, or the result type.
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    struct Part {
      const char* attr;
      const char* reason;
    };
    for (const Part& part : {Part{"function_kind", "kind changes"}, Part{"arguments", "arguments change"},
                             Part{"result", "result changes"}}) {
      if (attrs::optional_text(from.attrs, part.attr) != attrs::optional_text(to.attrs, part.attr)) {
        return AlterOutcome::recreate_because(part.reason);
      }
    }
    AlterOutcome outcome;
    outcome.statements.push_back(replacing_definition(to));
    return outcome;
  }
  std::string comment_target(const Object& function, const CatalogGraph&) const override {
    return routine_word(function) + " " + signature(function);
  }
};

}  // namespace

const KindRenderer& function_renderer() {
  static const FunctionRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
