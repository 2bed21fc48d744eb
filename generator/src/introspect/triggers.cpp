// Triggers on tables and views (constraint triggers included).
#include "readers.h"

namespace strata::introspect {
namespace {

const CodeNames kEnabledStates = {{"O", "origin"}, {"D", "disabled"}, {"R", "replica"}, {"A", "always"}};

void read_triggers(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    const model::Object* table = context.relation(row.oid("tgrelid"));
    if (table == nullptr) continue;
    auto trigger = table_object(model::Kind::Trigger, *table, row.text("tgname"));
    // Clones are left out (see below), so no trigger in the model has a parent trigger.
    trigger.attrs = Attrs{{"definition", row.text("definition")},
                          {"enabled", row.code_name("tgenabled", kEnabledStates)},
                          {"parent_trigger", nullptr}};
    context.add({SystemCatalog::Trigger, row.oid("oid")}, std::move(trigger));
  }
}

}  // namespace

std::vector<Reader> trigger_readers() {
  // Internal triggers implement foreign keys and deferred uniqueness; triggers with a parent
  // are the clones PostgreSQL puts on each partition of a table with a row trigger. Both come
  // and go with what made them.
  return {{"read triggers",
           "SELECT tg.oid, tg.tgrelid, tg.tgname, pg_get_triggerdef(tg.oid, false) AS definition,"
           " tg.tgenabled FROM pg_trigger tg WHERE NOT tg.tgisinternal AND tg.tgparentid = 0",
           read_triggers}};
}

}  // namespace strata::introspect
