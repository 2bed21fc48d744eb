#include "strata/introspect.h"

#include <pqxx/transaction>

#include "context.h"
#include "readers.h"

namespace strata::introspect {
namespace {

// Settings that change how PostgreSQL prints names and constants, pinned so that the text in
// the model depends only on the schema, never on the session or the server's defaults.
constexpr const char* kSessionSettings[] = {
    // Every user object's name comes out schema-qualified (pg_catalog is still searched).
    "SET LOCAL search_path = ''",
    // Date, time and interval constants in defaults, checks and views print the same way.
    "SET LOCAL DateStyle = 'ISO, YMD'",
    "SET LOCAL IntervalStyle = 'postgres'",
    "SET LOCAL TimeZone = 'UTC'",
    // Floating-point constants print exactly; string constants print without E'' escapes.
    "SET LOCAL extra_float_digits = 3",
    "SET LOCAL standard_conforming_strings = on",
};

}  // namespace

Result introspect(pqxx::connection& conn) {
  // One snapshot for every query, and nothing written.
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(conn, "introspect");
  for (const char* setting : kSessionSettings) transaction.exec(setting);

  Context context(transaction);
  read_schemas(context);
  read_extensions(context);
  read_types(context);
  read_sequences(context);
  read_tables(context);
  read_columns(context);
  read_sequence_owners(context);
  read_constraints(context);
  read_views(context);
  read_indexes(context);
  read_functions(context);
  read_triggers(context);
  read_rules(context);
  read_policies(context);
  read_dependencies(context);
  read_comments(context);
  warn_about_unmodelled_objects(context);

  transaction.commit();
  return context.finish();
}

}  // namespace strata::introspect
