// Functions, procedures, aggregates and window functions (everything in pg_proc).
#include "aggregates.h"
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

const CodeNames kFunctionKinds = {
    {"f", "function"}, {"p", "procedure"}, {"a", "aggregate"}, {"w", "window"}};

void read_functions(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto function = schema_object(model::Kind::Function, row.text("nspname"), row.text("proname"));
    // A function's identity is its name and input argument types (neither parameter names nor
    // OUT parameters tell two functions apart), so the key has the types too.
    function.key += "(" + row.text("argument_types") + ")";
    const bool aggregate = row.text("prokind") == "a";
    function.attrs = Attrs{
        {"function_kind", row.code_name("prokind", kFunctionKinds)},
        {"arguments", row.text("arguments")},
        {"result", row.text_or_null("result")},
        {"definition", aggregate ? aggregate_definition(row) : row.text("definition")},
    };
    context.add({SystemCatalog::Proc, row.oid("oid")}, std::move(function));
  }
}

}  // namespace

std::vector<Reader> function_readers() {
  // Functions with an internal dependency are part of another object (the constructors of a
  // range type) and come and go with it.
  return {{"read functions",
           std::string("SELECT p.oid, n.nspname, p.proname, p.prokind,"
                       " oidvectortypes(p.proargtypes) AS argument_types,"
                       " pg_get_function_arguments(p.oid) AS arguments,"
                       " pg_get_function_result(p.oid) AS result,"
                       " CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END"
                       " AS definition, ") +
               kAggregateColumns +
               " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace " + kAggregateJoins +
               " WHERE " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_proc", "p.oid") +
               " AND NOT EXISTS (SELECT FROM pg_depend part WHERE part.classid = 'pg_proc'::regclass"
               "  AND part.objid = p.oid AND part.deptype = 'i')",
           read_functions}};
}

}  // namespace strata::introspect
