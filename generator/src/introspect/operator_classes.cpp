// Operator families and operator classes, with their members (pg_amop operators and pg_amproc
// support functions). A member belongs to the class it was declared in, or is a "loose" member
// of the family (ALTER OPERATOR FAMILY ... ADD); pg_depend says which. Each member is kept as
// the clause that declares it and the clause that drops it.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

model::Object operator_family_object(model::Kind kind, const Row& row, const char* name) {
  auto object = schema_object(kind, row.text("nspname"), row.text(name));
  object.key += " USING " + row.text("amname");
  object.attrs = Attrs{{"method", row.text("amname")}, {"members", nlohmann::json::array()}};
  return object;
}

void read_families(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    context.add({SystemCatalog::OperatorFamily, row.oid("oid")},
                operator_family_object(model::Kind::OperatorFamily, row, "opfname"));
  }
}

void read_classes(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto opclass = operator_family_object(model::Kind::OperatorClass, row, "opcname");
    opclass.attrs["type"] = row.text("type");
    opclass.attrs["default"] = row.boolean("opcdefault");
    opclass.attrs["family"] = row.text("family");
    opclass.attrs["storage"] = row.text_or_null("storage");
    context.add({SystemCatalog::OperatorClass, row.oid("oid")}, std::move(opclass));
  }
}

void read_members(Context& context, const QueryResult& rows) {
  auto& registry = context.registry();
  for (const auto& row : rows) {
    model::Object* owner = registry.object_at({row.oid("refclassid"), row.oid("refobjid")});
    if (owner == nullptr) continue;  // a member an extension added to its own family
    owner->attrs["members"].push_back({{"clause", row.text("clause")}, {"drop", row.text("drop_clause")}});
    // Its dependencies (on operators and functions) are the class's or family's.
    registry.add_alias({row.oid("classid"), row.oid("oid")}, *owner);
  }
}

}  // namespace

std::vector<Reader> operator_class_readers() {
  const std::string user_object = " AND " + sql::is_user_schema("n");
  // The class or family that a member was declared in (an internal or automatic dependency).
  const std::string declared_in =
      " JOIN pg_depend d ON d.objid = m.oid AND d.deptype IN ('i', 'a')"
      " AND d.refclassid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass)";
  return {{"read operator families",
           "SELECT f.oid, n.nspname, f.opfname, am.amname FROM pg_opfamily f"
           " JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod"
           " WHERE f.oid >= 16384" + user_object + " AND " + sql::is_not_extension_member("pg_opfamily", "f.oid"),
           read_families},
          {"read operator classes",
           "SELECT c.oid, n.nspname, c.opcname, am.amname, c.opcdefault, format_type(c.opcintype, NULL) AS type,"
           " CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END AS storage,"
           " (SELECT format('%I.%I', fn.nspname, f.opfname) FROM pg_opfamily f"
           "  JOIN pg_namespace fn ON fn.oid = f.opfnamespace WHERE f.oid = c.opcfamily) AS family"
           " FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod"
           " WHERE c.oid >= 16384" + user_object + " AND " + sql::is_not_extension_member("pg_opclass", "c.oid"),
           read_classes},
          {"read operator class members",
           "SELECT 'pg_amop'::regclass::oid AS classid, m.oid, d.refclassid, d.refobjid,"
           " 'OPERATOR ' || m.amopstrategy || ' ' || m.amopopr::regoperator::text ||"
           "  CASE WHEN m.amoppurpose = 'o' THEN ' FOR ORDER BY ' || (SELECT format('%I.%I', sn.nspname, s.opfname)"
           "   FROM pg_opfamily s JOIN pg_namespace sn ON sn.oid = s.opfnamespace WHERE s.oid = m.amopsortfamily)"
           "  ELSE '' END AS clause,"
           " 'OPERATOR ' || m.amopstrategy || ' (' || format_type(m.amoplefttype, NULL) || ', ' ||"
           "  format_type(m.amoprighttype, NULL) || ')' AS drop_clause"
           " FROM pg_amop m" + declared_in + " AND d.classid = 'pg_amop'::regclass WHERE m.oid >= 16384"
           " UNION ALL SELECT 'pg_amproc'::regclass::oid, m.oid, d.refclassid, d.refobjid,"
           " 'FUNCTION ' || m.amprocnum || ' (' || format_type(m.amproclefttype, NULL) || ', ' ||"
           "  format_type(m.amprocrighttype, NULL) || ') ' || m.amproc::regprocedure::text,"
           " 'FUNCTION ' || m.amprocnum || ' (' || format_type(m.amproclefttype, NULL) || ', ' ||"
           "  format_type(m.amprocrighttype, NULL) || ')'"
           " FROM pg_amproc m" + declared_in + " AND d.classid = 'pg_amproc'::regclass WHERE m.oid >= 16384"
           " ORDER BY 5",
           read_members}};
}

}  // namespace strata::introspect
