// One reader per group of kinds. Each runs a fixed number of set-based queries and adds what it
// reads to the Context. introspect.cpp calls them in this order, because later readers attach
// objects to (or map dependencies through) what earlier ones registered.
#pragma once

#include "context.h"

namespace strata::introspect {

void read_schemas(Context& context);           // schemas.cpp
void read_extensions(Context& context);        // extensions.cpp: extensions + their members
void read_types(Context& context);             // types.cpp: enum, domain, composite, range
void read_sequences(Context& context);         // sequences.cpp
void read_tables(Context& context);            // tables.cpp
void read_columns(Context& context);           // columns.cpp: columns + defaults
void read_sequence_owners(Context& context);   // sequences.cpp: OWNED BY (needs the columns)
void read_constraints(Context& context);       // constraints.cpp
void read_views(Context& context);             // views.cpp: views + materialized views
void read_indexes(Context& context);           // indexes.cpp (needs the materialized views)
void read_functions(Context& context);         // functions.cpp: all kinds of pg_proc
void read_triggers(Context& context);          // triggers.cpp
void read_rules(Context& context);             // rules.cpp
void read_policies(Context& context);          // policies.cpp
void read_dependencies(Context& context);      // dependencies.cpp (needs every object)
void read_comments(Context& context);          // comments.cpp (needs every object)
void warn_about_unmodelled_objects(Context& context);  // unmodelled.cpp

}  // namespace strata::introspect
