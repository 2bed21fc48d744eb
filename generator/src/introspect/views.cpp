// Views and materialized views. Their columns are attrs (they follow from the query), and the
// `_RETURN` rule that implements them is part of them: what the rule depends on, the view does.
#include "catalog_sql.h"
#include "readers.h"
#include "row_types.h"

namespace strata::introspect {
namespace {

constexpr std::string_view kCheckOptionPrefix = "check_option=";

// A view's WITH CHECK OPTION is stored as the reloption check_option=local|cascaded; the model
// keeps it apart from the other options.
void split_check_option(nlohmann::json& attrs) {
  nlohmann::json options = nlohmann::json::array();
  nlohmann::json check_option = nullptr;
  for (const auto& option : attrs["options"]) {
    const auto text = option.get<std::string>();
    if (text.starts_with(kCheckOptionPrefix)) {
      check_option = text.substr(kCheckOptionPrefix.size());
    } else {
      options.push_back(option);
    }
  }
  attrs["options"] = std::move(options);
  attrs["check_option"] = std::move(check_option);
}

void read_views(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    const bool materialized = row.text("relkind") == "m";
    auto view = schema_object(materialized ? model::Kind::MaterializedView : model::Kind::View,
                              row.text("nspname"), row.text("relname"));
    view.attrs = Attrs{{"definition", row.text("definition")},
                       {"columns", row.json("columns")},
                       {"options", row.json("options")}};
    if (materialized) {
      view.attrs["with_data"] = row.boolean("relispopulated");
    } else {
      split_check_option(view.attrs);
      // ALTER VIEW ... ALTER COLUMN ... SET DEFAULT (what an INSERT through the view gets).
      view.attrs["column_defaults"] = row.json("column_defaults", nullptr);
    }
    auto& added = context.add({SystemCatalog::Class, row.oid("oid")}, std::move(view));
    register_row_type(context, row, added);
    if (Oid rule = row.oid("return_rule")) {
      context.registry().add_alias({SystemCatalog::Rewrite, rule}, added);
    }
  }
}

}  // namespace

std::vector<Reader> view_readers() {
  return {{"read views",
           std::string("SELECT c.oid, c.relkind, n.nspname, c.relname, ") + kRowTypeColumns +
               ", pg_get_viewdef(c.oid, true) AS definition,"
               " (SELECT json_agg(json_build_object('name', a.attname,"
               "   'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)"
               "  FROM pg_attribute a"
               "  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns, " +
               sql::sorted_json_array("c.reloptions") + " AS options,"
               " c.relispopulated, r.oid AS return_rule,"
               " (SELECT json_object_agg(a.attname, pg_get_expr(ad.adbin, ad.adrelid) ORDER BY a.attname)"
               "  FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum"
               "  WHERE ad.adrelid = c.oid) AS column_defaults"
               " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " + kRowTypeJoin +
               " LEFT JOIN pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN'"
               " WHERE c.relkind IN ('v', 'm')"
               " AND " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_class", "c.oid"),
           read_views}};
}

}  // namespace strata::introspect
