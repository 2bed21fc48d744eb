// Views and materialized views.
#include <algorithm>

#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;
using nlohmann::json;

// Everything between the name and AS: WITH (options). check_option is written as WITH ...
// CHECK OPTION instead, so it is left out here if introspection also lists it as an option.
std::string with_options(const Object& view) {
  auto options = attrs::texts(view.attrs, "options");
  std::erase_if(options, [](const std::string& option) { return sql::reloption_name(option) == "check_option"; });
  return options.empty() ? "" : " WITH (" + sql::reloption_list(options) + ")";
}

std::string view_body(const Object& view) { return " AS\n" + sql::without_terminator(attrs::text(view.attrs, "definition")); }

std::string create_view_statement(const Object& view, bool or_replace) {
  std::string sql = (or_replace ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ") + sql::name_of(view) + with_options(view) +
                    view_body(view);
  if (auto check = attrs::optional_text(view.attrs, "check_option")) sql += "\n  WITH " + sql::upper(*check) + " CHECK OPTION";
  return sql;
}

// CREATE OR REPLACE VIEW keeps the existing columns (names and types, in order) and may only
// append new ones; it replaces the options and check option.
bool only_appends_columns(const Object& from, const Object& to) {
  const json& old_columns = attrs::list(from.attrs, "columns");
  const json& new_columns = attrs::list(to.attrs, "columns");
  return old_columns.size() <= new_columns.size() &&
         std::equal(old_columns.begin(), old_columns.end(), new_columns.begin());
}

// ALTER VIEW ... ALTER COLUMN ... SET / DROP DEFAULT from `before` (null: a new view) to the view's.
std::vector<std::string> column_default_statements(const Object* before, const Object& view) {
  const json& after = attrs::object_or_empty(&view.attrs, "column_defaults");
  const auto changes = attrs::keyed_changes(attrs::object_or_empty(before ? &before->attrs : nullptr, "column_defaults"), after);
  std::vector<std::string> statements;
  const std::string prefix = "ALTER VIEW " + sql::name_of(view) + " ALTER COLUMN ";
  for (const auto& column : changes.removed) statements.push_back(prefix + model::quote_ident(column) + " DROP DEFAULT");
  for (const auto& column : changes.set) {
    statements.push_back(prefix + model::quote_ident(column) + " SET DEFAULT " + after[column].get<std::string>());
  }
  return statements;
}

class ViewRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& view, const RenderContext&) const override {
    std::vector<std::string> statements;
    if (attrs::flag(view.attrs, "self_reference")) {
      // pg_dump's way: a placeholder with the same columns, then the real query over it.
      std::vector<std::string> columns;
      for (const auto& column : attrs::list(view.attrs, "columns")) {
        columns.push_back("NULL::" + column.value("type", "text") + " AS " + model::quote_ident(column.value("name", "")));
      }
      statements.push_back("CREATE VIEW " + sql::name_of(view) + " AS\n SELECT " + sql::join(columns, ",\n    "));
      statements.push_back(create_view_statement(view, true));
    } else {
      statements.push_back(create_view_statement(view, false));
    }
    for (auto& statement : column_default_statements(nullptr, view)) statements.push_back(std::move(statement));
    return statements;
  }
  std::vector<std::string> drop(const Object& view, const RenderContext&) const override {
    return {"DROP VIEW " + sql::name_of(view)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    if (!only_appends_columns(from, to)) return AlterOutcome::recreate_because("columns change");
    AlterOutcome outcome;
    if (!attrs::equal_except(from.attrs, to.attrs, {"column_defaults"})) outcome.statements.push_back(create_view_statement(to, true));
    for (auto& statement : column_default_statements(&from, to)) outcome.statements.push_back(std::move(statement));
    return outcome;
  }
  std::string comment_target(const Object& view, const CatalogGraph&) const override {
    return "VIEW " + sql::name_of(view);
  }
};

bool with_data(const Object& view) { return !attrs::field(view.attrs, "with_data") || attrs::flag(view.attrs, "with_data"); }

class MaterializedViewRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& view, const RenderContext&) const override {
    return {"CREATE MATERIALIZED VIEW " + sql::name_of(view) + with_options(view) + view_body(view) +
            (with_data(view) ? "\n  WITH DATA" : "\n  WITH NO DATA")};
  }
  std::vector<std::string> drop(const Object& view, const RenderContext&) const override {
    return {"DROP MATERIALIZED VIEW " + sql::name_of(view)};
  }
  // Only populating it is done in place; anything else rebuilds it (its rows are derived, so a
  // recreate loses nothing that a refresh would not bring back). Whether it is populated is the
  // state of a database, not of a schema: a declared WITH NO DATA (every pg_dump --schema-only
  // writes it) never empties a populated one, and catalogs compare without it (model.md).
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    if (!attrs::equal_except(from.attrs, to.attrs, {"with_data"})) return AlterOutcome::recreate_because("definition changes");
    AlterOutcome outcome;
    if (with_data(to) && !with_data(from)) outcome.statements.push_back("REFRESH MATERIALIZED VIEW " + sql::name_of(to));
    return outcome;
  }
  std::string comment_target(const Object& view, const CatalogGraph&) const override {
    return "MATERIALIZED VIEW " + sql::name_of(view);
  }
};

}  // namespace

const KindRenderer& view_renderer() {
  static const ViewRenderer renderer;
  return renderer;
}

const KindRenderer& materialized_view_renderer() {
  static const MaterializedViewRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
