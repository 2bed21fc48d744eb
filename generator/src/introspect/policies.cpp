// Row-level security policies.
#include "readers.h"

namespace strata::introspect {
namespace {

const CodeNames kCommands = {
    {"*", "ALL"}, {"r", "SELECT"}, {"a", "INSERT"}, {"w", "UPDATE"}, {"d", "DELETE"}};

void read_policies(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    const model::Object* table = context.relation(row.oid("polrelid"));
    if (table == nullptr) continue;
    auto policy = table_object(model::Kind::Policy, *table, row.text("polname"));
    policy.attrs = Attrs{{"command", row.code_name("polcmd", kCommands)},
                         {"permissive", row.boolean("polpermissive")},
                         {"roles", row.json("roles")},
                         {"using", row.text_or_null("using_expr")},
                         {"with_check", row.text_or_null("with_check_expr")}};
    context.add({SystemCatalog::Policy, row.oid("oid")}, std::move(policy));
  }
}

}  // namespace

std::vector<Reader> policy_readers() {
  // Role 0 in polroles is PUBLIC. Role names are raw (unquoted) and sorted.
  return {{"read policies",
           "SELECT p.oid, p.polrelid, p.polname, p.polcmd, p.polpermissive,"
           " (SELECT json_agg(role_name ORDER BY role_name COLLATE \"C\") FROM ("
           "   SELECT CASE WHEN role = 0 THEN 'public' ELSE pg_get_userbyid(role)::text END"
           "   AS role_name FROM unnest(p.polroles) role) roles) AS roles,"
           " pg_get_expr(p.polqual, p.polrelid) AS using_expr,"
           " pg_get_expr(p.polwithcheck, p.polrelid) AS with_check_expr"
           " FROM pg_policy p",
           read_policies}};
}

}  // namespace strata::introspect
