// Operator families (with their loose members, added and dropped in place) and operator classes
// (which PostgreSQL cannot alter: a changed class is recreated, and the indexes that use it).
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;

std::string name_using(const Object& object) {
  return sql::name_of(object) + " USING " + model::quote_ident(attrs::text(object.attrs, "method"));
}

// Member clause -> its DROP form.
std::map<std::string, std::string> members(const Object& object) {
  std::map<std::string, std::string> out;
  const auto* list = attrs::field(object.attrs, "members");
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& member : *list) out[attrs::text(member, "clause")] = attrs::text(member, "drop");
  return out;
}

std::vector<std::string> clauses(const std::map<std::string, std::string>& members) {
  std::vector<std::string> out;
  for (const auto& [clause, drop] : members) out.push_back(clause);
  return out;
}

class OperatorFamilyRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& family, const RenderContext&) const override {
    std::vector<std::string> statements{"CREATE OPERATOR FAMILY " + name_using(family)};
    const auto loose = members(family);
    if (!loose.empty()) statements.push_back("ALTER OPERATOR FAMILY " + name_using(family) + " ADD " + sql::join(clauses(loose), ", "));
    return statements;
  }
  std::vector<std::string> drop(const Object& family, const RenderContext&) const override {
    return {"DROP OPERATOR FAMILY " + name_using(family)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    const auto before = members(from);
    const auto after = members(to);
    std::vector<std::string> dropped, added;
    for (const auto& [clause, drop] : before) {
      if (!after.count(clause)) dropped.push_back(drop);
    }
    for (const auto& [clause, drop] : after) {
      if (!before.count(clause)) added.push_back(clause);
    }
    AlterOutcome outcome;
    const std::string prefix = "ALTER OPERATOR FAMILY " + name_using(to);
    if (!dropped.empty()) outcome.statements.push_back(prefix + " DROP " + sql::join(dropped, ", "));
    if (!added.empty()) outcome.statements.push_back(prefix + " ADD " + sql::join(added, ", "));
    return outcome;
  }
  std::string comment_target(const Object& family, const CatalogGraph&) const override {
    return "OPERATOR FAMILY " + name_using(family);
  }
};

class OperatorClassRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& opclass, const RenderContext&) const override {
    const auto& a = opclass.attrs;
    std::vector<std::string> items = clauses(members(opclass));
    if (auto storage = attrs::optional_text(a, "storage")) items.push_back("STORAGE " + *storage);
    return {"CREATE OPERATOR CLASS " + sql::name_of(opclass) + (attrs::flag(a, "default") ? " DEFAULT" : "") +
            " FOR TYPE " + attrs::text(a, "type") + " USING " + model::quote_ident(attrs::text(a, "method")) +
            " FAMILY " + attrs::text(a, "family") + " AS " + sql::join(items, ", ")};
  }
  std::vector<std::string> drop(const Object& opclass, const RenderContext&) const override {
    return {"DROP OPERATOR CLASS " + name_using(opclass)};
  }
  AlterOutcome alter(const Object&, const Object&, const RenderContext&) const override {
    return AlterOutcome::recreate_because("its definition changes");
  }
  std::string comment_target(const Object& opclass, const CatalogGraph&) const override {
    return "OPERATOR CLASS " + name_using(opclass);
  }
};

}  // namespace

const KindRenderer& operator_family_renderer() {
  static const OperatorFamilyRenderer renderer;
  return renderer;
}

const KindRenderer& operator_class_renderer() {
  static const OperatorClassRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
