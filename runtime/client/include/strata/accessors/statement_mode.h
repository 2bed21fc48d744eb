// How the generated accessors send their statements (docs/accessors.md, "Prepared statements").
#pragma once

namespace strata::accessors {

enum class StatementMode {
  // Each distinct statement is prepared once per connection (libpqxx's connection.prepare, a
  // protocol-level Parse under a name derived from the SQL text) and executed by name afterwards:
  // PostgreSQL does not parse and plan it again on every call. The default.
  prepared,
  // Every call sends the statement text with its parameters (PQexecParams). For connection
  // poolers that cannot keep a session's prepared statements: PgBouncer in transaction or
  // statement pooling mode before 1.21 (or with max_prepared_statements = 0), or poolers that
  // run DISCARD ALL between clients.
  unprepared,
};

// Process-wide; set it once at start-up, before threads use the accessors.
void set_statement_mode(StatementMode mode);
StatementMode statement_mode();

}  // namespace strata::accessors
