// What lint knows about PostgreSQL without a database: which functions are volatile (a column
// added with a volatile default is written into every row) and which type changes PostgreSQL
// makes without rewriting the table.
#pragma once

#include <optional>
#include <string>

#include "ast.h"
#include "state.h"

namespace strata::lint {

enum class Volatility { Stable, Volatile, Unknown };  // Stable: immutable or stable (no rewrite)

struct DefaultVolatility {
  Volatility volatility = Volatility::Stable;
  std::string function;                       // the volatile (or unknown) function, for the message
  std::optional<std::size_t> location;        // where it is called
};

// The volatility of a default expression: the worst of the functions it calls. Built-in functions
// are known; functions created by the linted migrations count with their declared volatility.
DefaultVolatility default_volatility(const ast::Json& expression, const History& history);

// True when PostgreSQL changes a column from `from` to `to` without rewriting the table
// (binary-coercible, or only a wider length / precision limit), and no USING is given.
bool type_change_is_metadata_only(const ast::Type& from, const ast::Type& to);

}  // namespace strata::lint
