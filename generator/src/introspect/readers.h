// The readers: one query each, and what to make of its rows.
//
// Every query is fixed text, known before any result is read, so introspect() sends them all at
// once and the server computes the next result while this process reads the previous one.
// Results are read in the order below, because later readers attach objects to (or map
// dependencies through) what earlier ones registered in the Context.
#pragma once

#include <string>
#include <vector>

#include "context.h"
#include "query_result.h"

namespace strata::introspect {

struct Reader {
  std::string description;  // "read columns": what failed, in errors
  std::string sql;
  void (*read)(Context& context, const QueryResult& rows);
};

// In the order they must run.
std::vector<Reader> schema_readers();            // schemas.cpp
std::vector<Reader> extension_readers();         // extensions.cpp: extensions + their members
std::vector<Reader> type_readers();              // types.cpp: enum, domain, composite, range
std::vector<Reader> sequence_readers();          // sequences.cpp
std::vector<Reader> table_readers();             // tables.cpp
std::vector<Reader> column_readers();            // columns.cpp: columns + defaults
std::vector<Reader> sequence_owner_readers();    // sequences.cpp: OWNED BY (needs the columns)
std::vector<Reader> constraint_readers();        // constraints.cpp
std::vector<Reader> view_readers();              // views.cpp: views + materialized views
std::vector<Reader> index_readers();             // indexes.cpp (needs the materialized views)
std::vector<Reader> function_readers();          // functions.cpp: everything in pg_proc
std::vector<Reader> trigger_readers();           // triggers.cpp
std::vector<Reader> rule_readers();              // rules.cpp
std::vector<Reader> policy_readers();            // policies.cpp
std::vector<Reader> collation_readers();         // collations.cpp
std::vector<Reader> statistics_readers();        // statistics.cpp
std::vector<Reader> event_trigger_readers();     // event_triggers.cpp
std::vector<Reader> publication_readers();       // publications.cpp
std::vector<Reader> text_search_readers();       // text_search.cpp: dictionaries, configurations
std::vector<Reader> cast_and_operator_readers(); // casts_operators.cpp
std::vector<Reader> foreign_data_readers();      // foreign_data.cpp: wrappers, servers
std::vector<Reader> language_readers();          // languages.cpp
std::vector<Reader> operator_class_readers();    // operator_classes.cpp: families, classes, members
std::vector<Reader> dependency_readers();        // dependencies.cpp (needs every object)
std::vector<Reader> comment_readers();           // comments.cpp (needs every object)
std::vector<Reader> privilege_readers();         // privileges.cpp: owners, ACLs, default privileges
std::vector<Reader> unmodelled_object_readers(); // unmodelled.cpp: warnings

}  // namespace strata::introspect
