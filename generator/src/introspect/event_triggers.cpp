// Event triggers (CREATE EVENT TRIGGER): the event, the tags it filters on, the function it
// runs, and whether it fires.
#include "catalog_sql.h"
#include "readers.h"

namespace strata::introspect {
namespace {

const CodeNames kEnabledStates = {{"O", "origin"}, {"D", "disabled"}, {"R", "replica"}, {"A", "always"}};

void read_event_triggers(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto trigger = database_object(model::Kind::EventTrigger, row.text("evtname"));
    trigger.attrs = Attrs{{"event", row.text("evtevent")},
                          {"tags", row.json("tags", nullptr)},
                          {"function", row.text("function")},
                          {"enabled", row.code_name("evtenabled", kEnabledStates)}};
    context.add({SystemCatalog::EventTrigger, row.oid("oid")}, std::move(trigger));
  }
}

}  // namespace

std::vector<Reader> event_trigger_readers() {
  // The function as regprocedure prints it with an empty search_path: schema-qualified.
  return {{"read event triggers",
           "SELECT e.oid, e.evtname, e.evtevent, e.evtenabled, e.evtfoid::regprocedure::text AS function, " +
               sql::sorted_json_array("e.evttags") + " AS tags FROM pg_event_trigger e WHERE " +
               sql::is_not_extension_member("pg_event_trigger", "e.oid"),
           read_event_triggers}};
}

}  // namespace strata::introspect
