// Casts and operators. Neither can change in place beyond its owner (and an operator's
// estimators, which are rarely changed alone): a changed one is recreated, and what uses it with it.
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;

// regprocedure text without its argument list: CREATE OPERATOR takes a function by name.
std::string function_name(const std::string& regprocedure) { return regprocedure.substr(0, regprocedure.rfind('(')); }

class CastRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& cast, const RenderContext&) const override {
    const auto& a = cast.attrs;
    const std::string method = attrs::text(a, "method");
    std::string sql = "CREATE CAST " + cast.name;
    if (method == "function") sql += " WITH FUNCTION " + attrs::text(a, "function");
    else if (method == "inout") sql += " WITH INOUT";
    else sql += " WITHOUT FUNCTION";
    const std::string context = attrs::text(a, "context");
    if (context == "assignment") sql += " AS ASSIGNMENT";
    if (context == "implicit") sql += " AS IMPLICIT";
    return {sql};
  }
  std::vector<std::string> drop(const Object& cast, const RenderContext&) const override { return {"DROP CAST " + cast.name}; }
  AlterOutcome alter(const Object&, const Object&, const RenderContext&) const override {
    return AlterOutcome::recreate_because("its definition changes");
  }
  std::string comment_target(const Object& cast, const CatalogGraph&) const override { return "CAST " + cast.name; }
};

class OperatorRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& op, const RenderContext&) const override {
    const auto& a = op.attrs;
    std::vector<std::string> parts{"FUNCTION = " + function_name(attrs::text(a, "function"))};
    if (auto left = attrs::optional_text(a, "left")) parts.push_back("LEFTARG = " + *left);
    parts.push_back("RIGHTARG = " + attrs::text(a, "right"));
    for (const auto& [attr, clause] : {std::pair{"commutator", "COMMUTATOR"}, std::pair{"negator", "NEGATOR"}}) {
      if (auto value = attrs::optional_text(a, attr)) parts.push_back(std::string(clause) + " = " + *value);
    }
    for (const auto& [attr, clause] : {std::pair{"restrict", "RESTRICT"}, std::pair{"join", "JOIN"}}) {
      if (auto value = attrs::optional_text(a, attr)) parts.push_back(std::string(clause) + " = " + function_name(*value));
    }
    if (attrs::flag(a, "hashes")) parts.push_back("HASHES");
    if (attrs::flag(a, "merges")) parts.push_back("MERGES");
    return {"CREATE OPERATOR " + qualified(op) + " (" + sql::join(parts, ", ") + ")"};
  }
  std::vector<std::string> drop(const Object& op, const RenderContext&) const override {
    return {"DROP OPERATOR " + signature(op)};
  }
  AlterOutcome alter(const Object&, const Object&, const RenderContext&) const override {
    return AlterOutcome::recreate_because("its definition changes");
  }
  std::string comment_target(const Object& op, const CatalogGraph&) const override { return "OPERATOR " + signature(op); }

 private:
  // Operator names are symbols, never quoted.
  static std::string qualified(const Object& op) { return model::quote_ident(op.schema) + "." + op.name; }
  static std::string signature(const Object& op) {
    return qualified(op) + " (" + attrs::optional_text(op.attrs, "left").value_or("NONE") + ", " +
           attrs::text(op.attrs, "right") + ")";
  }
};

}  // namespace

const KindRenderer& cast_renderer() {
  static const CastRenderer renderer;
  return renderer;
}

const KindRenderer& operator_renderer() {
  static const OperatorRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
