#include "strata/introspect.h"

#include <memory>
#include <stdexcept>

#include <pqxx/except>
#include <pqxx/pipeline>
#include <pqxx/transaction>

#include "context.h"
#include "readers.h"
#include "strata/connection.h"
#include "strata/error.h"
#include "strata/runner.h"

namespace strata::introspect {
namespace {

// Settings that change how PostgreSQL prints names and constants, pinned so that the text in
// the model depends only on the schema, never on the session or the server's defaults.
constexpr const char* kSessionSettings =
    // Every user object's name comes out schema-qualified (pg_catalog is still searched).
    "SET LOCAL search_path = '';"
    // Date, time and interval constants in defaults, checks and views print the same way.
    "SET LOCAL DateStyle = 'ISO, YMD';"
    "SET LOCAL IntervalStyle = 'postgres';"
    "SET LOCAL TimeZone = 'UTC';"
    // Floating-point constants print exactly; string constants print without E'' escapes.
    "SET LOCAL extra_float_digits = 3;"
    "SET LOCAL standard_conforming_strings = on";

std::vector<Reader> all_readers() {
  std::vector<Reader> readers;
  for (auto group : {schema_readers, extension_readers, type_readers, sequence_readers,
                     table_readers, column_readers, sequence_owner_readers, constraint_readers,
                     view_readers, index_readers, function_readers, trigger_readers, rule_readers,
                     policy_readers, collation_readers, statistics_readers, event_trigger_readers,
                     publication_readers, text_search_readers, cast_and_operator_readers, foreign_data_readers, language_readers,
                     operator_class_readers,
                     dependency_readers, comment_readers, privilege_readers,
                     unmodelled_object_readers}) {
    for (auto& reader : group()) readers.push_back(std::move(reader));
  }
  return readers;
}

// libpq's messages end in a newline and may span lines.
std::string pqxx_message(const std::exception& error) {
  std::string text = error.what();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (auto& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

// strata's history schema belongs to the runner: a database migrated by strata has it, the schema
// those migrations declare does not.
// Returns whether it was there.
bool without_history_schema(model::Catalog& catalog) {
  bool found = false;
  for (auto it = catalog.objects.begin(); it != catalog.objects.end();) {
    const auto& object = it->second;
    const bool schema = object.kind == model::Kind::Schema && object.name == runner::kHistorySchema;
    found = found || schema;
    it = schema || object.schema == runner::kHistorySchema ? catalog.objects.erase(it) : std::next(it);
  }
  return found;
}

}  // namespace

Result introspect(pqxx::connection& conn) {
  // One snapshot for every query, and nothing written.
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(conn, "introspect");
  transaction.exec(kSessionSettings, "pin session settings");

  // Every query is known up front, so all are sent at once: the server works on the next result
  // while this process reads the previous one.
  const std::vector<Reader> readers = all_readers();
  pqxx::pipeline pipeline(transaction, "introspect");
  pipeline.retain(static_cast<int>(readers.size()));
  std::vector<pqxx::pipeline::query_id> queries;
  for (const auto& reader : readers) queries.push_back(pipeline.insert(reader.sql));

  Context context;
  for (std::size_t i = 0; i < readers.size(); ++i) {
    const Reader& reader = readers[i];
    // The error names the step that failed; a database error keeps its SQLSTATE and query.
    try {
      reader.read(context, QueryResult(pipeline.retrieve(queries[i])));
    } catch (const pqxx::sql_error& error) {
      throw Error("introspection failed to " + reader.description + ": " + pqxx_message(error),
                  ErrorInfo{.sqlstate = error.sqlstate(), .statement = error.query()});
    } catch (const Error&) {
      throw;  // a refusal, with its own details and hint
    } catch (const std::runtime_error& error) {
      throw Error("introspection failed to " + reader.description + ": " + error.what());
    }
  }
  pipeline.complete();
  transaction.commit();
  auto result = context.finish();
  result.history_schema = without_history_schema(result.catalog);
  return result;
}

Result introspect(const std::string& connection) {
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(connection);
  } catch (const pqxx::broken_connection& error) {
    // libpq's message can quote the connection string back: never let a password through.
    throw Error("cannot connect to " + runtime::redact_password(connection) + ": " +
                runtime::mask_secrets(pqxx_message(error), runtime::connection_secrets(connection)));
  }
  return introspect(*conn);
}

std::vector<std::string> warning_lines(const std::vector<Warning>& warnings) {
  std::vector<std::string> lines;
  for (const auto& warning : warnings) lines.push_back(warning.object + ": " + warning.message);
  return lines;
}

}  // namespace strata::introspect
