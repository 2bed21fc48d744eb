// Event triggers and publications: database-wide objects (keys without a schema).
#include "../attrs.h"
#include "kind_renderer.h"
#include "sql_text.h"

namespace strata::diff {
namespace {

using model::Object;
using model::quote_ident;

std::string event_trigger_firing(const Object& trigger) {
  const std::string enabled = attrs::text(trigger.attrs, "enabled");
  std::string action = "ENABLE";
  if (enabled == "disabled") action = "DISABLE";
  if (enabled == "replica") action = "ENABLE REPLICA";
  if (enabled == "always") action = "ENABLE ALWAYS";
  return "ALTER EVENT TRIGGER " + quote_ident(trigger.name) + " " + action;
}

class EventTriggerRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& trigger, const RenderContext&) const override {
    const auto& a = trigger.attrs;
    std::string sql = "CREATE EVENT TRIGGER " + quote_ident(trigger.name) + " ON " + attrs::text(a, "event");
    if (const auto* tags = attrs::field(a, "tags"); tags && tags->is_array() && !tags->empty()) {
      std::vector<std::string> quoted;
      for (const auto& tag : *tags) quoted.push_back(model::quote_literal(tag.get<std::string>()));
      sql += " WHEN TAG IN (" + sql::join(quoted, ", ") + ")";
    }
    sql += " EXECUTE FUNCTION " + attrs::text(a, "function");
    std::vector<std::string> statements{sql};
    if (attrs::text(a, "enabled") != "origin") statements.push_back(event_trigger_firing(trigger));
    return statements;
  }
  std::vector<std::string> drop(const Object& trigger, const RenderContext&) const override {
    return {"DROP EVENT TRIGGER " + quote_ident(trigger.name)};
  }
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    if (!attrs::equal_except(from.attrs, to.attrs, {"enabled"})) return AlterOutcome::recreate_because("definition changes");
    AlterOutcome outcome;
    outcome.statements.push_back(event_trigger_firing(to));
    return outcome;
  }
  std::string comment_target(const Object& trigger, const CatalogGraph&) const override {
    return "EVENT TRIGGER " + quote_ident(trigger.name);
  }
};

// "TABLE a.t (x, y) WHERE (...), TABLES IN SCHEMA s": what a publication lists.
std::string published_objects(const Object& publication) {
  std::vector<std::string> parts;
  for (const auto& table : publication.attrs.value("tables", nlohmann::json::array())) {
    std::string part = "TABLE " + table.value("table", "");
    if (table.contains("columns") && table["columns"].is_array()) {
      std::vector<std::string> columns;
      for (const auto& column : table["columns"]) columns.push_back(quote_ident(column.get<std::string>()));
      part += " (" + sql::join(columns, ", ") + ")";
    }
    if (table.contains("where") && table["where"].is_string()) part += " WHERE (" + table["where"].get<std::string>() + ")";
    parts.push_back(part);
  }
  for (const auto& schema : publication.attrs.value("schemas", nlohmann::json::array())) {
    parts.push_back("TABLES IN SCHEMA " + quote_ident(schema.get<std::string>()));
  }
  return sql::join(parts, ", ");
}

std::string publication_options(const Object& publication) {
  std::vector<std::string> publish;
  for (const auto& action : publication.attrs.value("publish", nlohmann::json::array())) publish.push_back(action.get<std::string>());
  return "publish = " + model::quote_literal(sql::join(publish, ", ")) +
         ", publish_via_partition_root = " + (attrs::flag(publication.attrs, "via_root") ? "true" : "false");
}

class PublicationRenderer final : public KindRenderer {
 public:
  std::vector<std::string> create(const Object& publication, const RenderContext&) const override {
    std::string sql = "CREATE PUBLICATION " + quote_ident(publication.name);
    if (attrs::flag(publication.attrs, "all_tables")) {
      sql += " FOR ALL TABLES";
    } else if (const std::string objects = published_objects(publication); !objects.empty()) {
      sql += " FOR " + objects;
    }
    return {sql + " WITH (" + publication_options(publication) + ")"};
  }
  std::vector<std::string> drop(const Object& publication, const RenderContext&) const override {
    return {"DROP PUBLICATION " + quote_ident(publication.name)};
  }
  // Its list and options change in place (subscribers keep their slot); FOR ALL TABLES cannot.
  AlterOutcome alter(const Object& from, const Object& to, const RenderContext&) const override {
    if (attrs::flag(from.attrs, "all_tables") != attrs::flag(to.attrs, "all_tables")) {
      return AlterOutcome::recreate_because("FOR ALL TABLES changes");
    }
    AlterOutcome outcome;
    const std::string name = quote_ident(to.name);
    const std::string before = published_objects(from), after = published_objects(to);
    if (before != after) {
      if (after.empty()) {
        for (const auto& table : from.attrs.value("tables", nlohmann::json::array())) {
          outcome.statements.push_back("ALTER PUBLICATION " + name + " DROP TABLE " + table.value("table", ""));
        }
        for (const auto& schema : from.attrs.value("schemas", nlohmann::json::array())) {
          outcome.statements.push_back("ALTER PUBLICATION " + name + " DROP TABLES IN SCHEMA " +
                                       quote_ident(schema.get<std::string>()));
        }
      } else {
        outcome.statements.push_back("ALTER PUBLICATION " + name + " SET " + after);
      }
    }
    if (publication_options(from) != publication_options(to)) {
      outcome.statements.push_back("ALTER PUBLICATION " + name + " SET (" + publication_options(to) + ")");
    }
    return outcome;
  }
  std::string comment_target(const Object& publication, const CatalogGraph&) const override {
    return "PUBLICATION " + quote_ident(publication.name);
  }
};

}  // namespace

const KindRenderer& event_trigger_renderer() {
  static const EventTriggerRenderer renderer;
  return renderer;
}

const KindRenderer& publication_renderer() {
  static const PublicationRenderer renderer;
  return renderer;
}

}  // namespace strata::diff
