// Introspection: reads a live PostgreSQL database's catalog into the model (docs/model.md).
//
// Everything is read in one read-only REPEATABLE READ transaction whose search_path is empty,
// so every name PostgreSQL prints (format_type, pg_get_*def, pg_get_expr) is schema-qualified,
// with a fixed number of set-based queries (one per kind of object, one for dependencies, one
// for comments), never one query per object.
#pragma once

#include <string>
#include <vector>

#include <pqxx/connection>

#include "strata/model.h"

namespace strata::introspect {

// Something in the database that the model cannot represent and so was left out
// (a base type, a foreign table, a comment on a view column...).
struct Warning {
  std::string object;   // as pg_describe_object() names it, or a model key
  std::string message;
};

struct Result {
  model::Catalog catalog;
  std::vector<Warning> warnings;
  bool history_schema = false;  // the database has strata's history schema (left out of `catalog`)
};

// The one way strata turns a database into a model: the catalog of the database `conn` is
// connected to, whatever built it (schema files on a scratch database, replayed migrations, a
// live database), always without strata's own history schema (`strata`, the runner's, not the
// application's). Read-only; the connection must not be inside a transaction. Throws
// strata::Error naming the step that failed (SQLSTATE and query in its fields).
Result introspect(pqxx::connection& conn);
// The same on a new connection to `connection` (a postgresql:// URL or keyword/value string);
// a failure to connect is a strata::Error naming the target without its password.
Result introspect(const std::string& connection);

// "object: message" lines, as commands print warnings.
std::vector<std::string> warning_lines(const std::vector<Warning>& warnings);

}  // namespace strata::introspect
