// Collations and extended statistics: schema objects written from a few attributes.
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;

class CollationRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& collation, const RenderContext&) const override {
    const auto& a = collation.attrs;
    const std::string provider = attrs::text(a, "provider");
    std::vector<std::string> options{"provider = " + provider};
    if (provider == "icu") {
      options.push_back("locale = " + model::quote_literal(attrs::text(a, "icu_locale")));
    } else {
      options.push_back("lc_collate = " + model::quote_literal(attrs::text(a, "lc_collate")));
      options.push_back("lc_ctype = " + model::quote_literal(attrs::text(a, "lc_ctype")));
    }
    if (!attrs::flag(a, "deterministic")) options.push_back("deterministic = false");
    return {"CREATE COLLATION " + sql::name_of(collation) + " (" + sql::join(options, ", ") + ")"};
  }
  std::vector<std::string> drop(const Object& collation, const RenderContext&) const override {
    return {"DROP COLLATION " + sql::name_of(collation)};
  }
  // PostgreSQL cannot change a collation; what uses it is rebuilt with it (columns refuse).
  AlterOutcome alter(const Object&, const Object&, const RenderContext&) const override {
    return AlterOutcome::recreate_because("its definition changes");
  }
  std::string comment_target(const Object& collation, const CatalogGraph&) const override {
    return "COLLATION " + sql::name_of(collation);
  }
};

class StatisticsRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& statistics, const RenderContext&) const override {
    std::vector<std::string> statements{attrs::text(statistics.attrs, "definition")};
    if (attrs::field(statistics.attrs, "target") && !statistics.attrs["target"].is_null()) {
      statements.push_back(target_statement(statistics));
    }
    return statements;
  }
  std::vector<std::string> drop(const Object& statistics, const RenderContext&) const override {
    return {"DROP STATISTICS " + sql::name_of(statistics)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    if (!attrs::equal_except(from.attrs, to.attrs, {"target"})) return AlterOutcome::recreate_because("definition changes");
    AlterOutcome outcome;
    outcome.statements.push_back(target_statement(to));
    return outcome;
  }
  std::string comment_target(const Object& statistics, const CatalogGraph&) const override {
    return "STATISTICS " + sql::name_of(statistics);
  }

 private:
  static std::string target_statement(const Object& statistics) {
    const auto* target = attrs::field(statistics.attrs, "target");
    const std::string value = target && !target->is_null() ? std::to_string(target->get<int>()) : "-1";
    return "ALTER STATISTICS " + sql::name_of(statistics) + " SET STATISTICS " + value;
  }
};

}  // namespace

const KindRenderer& collation_renderer() {
  static const CollationRenderer renderer;
  return renderer;
}

const KindRenderer& statistics_renderer() {
  static const StatisticsRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
