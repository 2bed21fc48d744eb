// Rewrite rules, except the `_RETURN` rule that implements a view (views.cpp).
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

void read_rules(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    const model::Object* table = context.relation(row.oid("ev_class"));
    if (table == nullptr) continue;
    auto rule = table_object(model::Kind::Rule, *table, row.text("rulename"));
    rule.attrs = Attrs{{"definition", row.text("definition")}};
    context.add({SystemCatalog::Rewrite, row.oid("oid")}, std::move(rule));
  }
}

}  // namespace

std::vector<Reader> rule_readers() {
  return {{"read rules",
           "SELECT r.oid, r.ev_class, r.rulename, pg_get_ruledef(r.oid) AS definition"
           " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
           " JOIN pg_namespace n ON n.oid = c.relnamespace"
           " WHERE r.rulename <> '_RETURN' AND " + sql::is_user_schema("n"),
           read_rules}};
}

}  // namespace strata::introspect
