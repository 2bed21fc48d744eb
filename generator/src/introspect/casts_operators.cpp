// Casts (database-wide, keyed by their types) and operators (keyed by name and operand types,
// as functions are by their arguments). Names of user types and functions come out
// schema-qualified: introspection runs with an empty search_path.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

const CodeNames kCastContexts = {{"e", "explicit"}, {"a", "assignment"}, {"i", "implicit"}};
const CodeNames kCastMethods = {{"f", "function"}, {"i", "inout"}, {"b", "binary"}};

void read_casts(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto cast = database_object(model::Kind::Cast, "(" + row.text("source") + " AS " + row.text("target") + ")");
    cast.attrs = Attrs{{"source", row.text("source")},
                       {"target", row.text("target")},
                       {"function", row.text_or_null("function")},
                       {"context", row.code_name("castcontext", kCastContexts)},
                       {"method", row.code_name("castmethod", kCastMethods)}};
    context.add({SystemCatalog::Cast, row.oid("oid")}, std::move(cast));
  }
}

void read_operators(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto op = schema_object(model::Kind::Operator, row.text("nspname"), row.text("oprname"));
    op.key += "(" + row.text("left_type") + ", " + row.text("right_type") + ")";
    op.attrs = Attrs{{"left", row.text_or_null("left")},
                     {"right", row.text("right")},
                     {"function", row.text("function")},
                     {"commutator", row.text_or_null("commutator")},
                     {"negator", row.text_or_null("negator")},
                     {"restrict", row.text_or_null("restrict")},
                     {"join", row.text_or_null("join_function")},
                     {"hashes", row.boolean("oprcanhash")},
                     {"merges", row.boolean("oprcanmerge")}};
    context.add({SystemCatalog::Operator, row.oid("oid")}, std::move(op));
  }
}

// Shell operators (named as a commutator or negator, never defined) are implied by that reference.
// OPERATOR(schema.name), as CREATE OPERATOR's COMMUTATOR and NEGATOR take it.
std::string operator_reference(const std::string& oid) {
  return "(SELECT 'OPERATOR(' || quote_ident(rn.nspname) || '.' || r.oprname || ')' FROM pg_operator r"
         " JOIN pg_namespace rn ON rn.oid = r.oprnamespace WHERE r.oid = " + oid + ")";
}

}  // namespace

std::vector<Reader> cast_and_operator_readers() {
  return {{"read casts",
           "SELECT c.oid, format_type(c.castsource, NULL) AS source, format_type(c.casttarget, NULL) AS target,"
           " CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text END AS function,"
           " c.castcontext, c.castmethod FROM pg_cast c"
           " WHERE c.oid >= 16384 AND " + sql::is_not_extension_member("pg_cast", "c.oid") +
               // The casts between a range type and its multirange are parts of the range type.
               " AND NOT EXISTS (SELECT FROM pg_depend part WHERE part.classid = 'pg_cast'::regclass"
               "  AND part.objid = c.oid AND part.deptype = 'i')",
           read_casts},
          {"read operators",
           "SELECT o.oid, n.nspname, o.oprname,"
           " CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END AS left,"
           " format_type(o.oprright, NULL) AS right,"
           " CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) ELSE 'NONE' END AS left_type,"
           " format_type(o.oprright, NULL) AS right_type,"
           " o.oprcode::regprocedure::text AS function,"
           " CASE WHEN o.oprcom <> 0 THEN " + operator_reference("o.oprcom") + " END AS commutator,"
           " CASE WHEN o.oprnegate <> 0 THEN " + operator_reference("o.oprnegate") + " END AS negator,"
           " CASE WHEN o.oprrest <> 0 THEN o.oprrest::regprocedure::text END AS restrict,"
           " CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::regprocedure::text END AS join_function,"
           " o.oprcanhash, o.oprcanmerge"
           " FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace"
           " WHERE o.oid >= 16384 AND o.oprcode <> 0 AND " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_operator", "o.oid"),
           read_operators}};
}

}  // namespace strata::introspect
