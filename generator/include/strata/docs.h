// Schema documentation: a model::Catalog -> a Markdown document with a Mermaid erDiagram (tables,
// key columns, foreign keys with cardinality) and one section per table, plus enums and views.
// GitHub renders Mermaid natively, so the document reads well in a pull request.
// docs/devloop.md describes the output and the options.
#pragma once

#include <cstddef>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "strata/model.h"

namespace strata::docs {

struct Options {
  std::string title = "Database schema";
  // One diagram per schema instead of one for everything (tables referenced from another
  // schema appear as bare entities).
  bool group_by_schema = false;
  // Limit the document to these tables ("schema.table", or "table" for any schema)...
  std::vector<std::string> only;
  // ...and the tables within N foreign-key hops of them.
  int neighbourhood = 0;
  // A diagram with more tables than this is left out, with a note suggesting the options above.
  std::size_t max_tables = 80;
  // Every column in the diagram (default: only primary-key, foreign-key and unique columns).
  bool all_columns = false;
};

struct DocsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The table keys ("table:public.film") the document covers. Throws DocsError for an --only name
// that is not a table of the catalog.
std::set<std::string> select_tables(const model::Catalog& catalog, const Options& options);

// The tables a plan from `from` to `to` touches (created, dropped, altered, or whose columns,
// defaults, constraints, indexes, triggers change), as keys of `to` (or of `from` when dropped
// tables are all there is). Used for `strata docs --changed-from`.
std::set<std::string> changed_tables(const model::Catalog& from, const model::Catalog& to);

// The body of one ```mermaid block (starting "erDiagram") for these tables.
std::string render_mermaid(const model::Catalog& catalog, const std::set<std::string>& tables, bool all_columns = false);

// The whole Markdown document.
std::string render_markdown(const model::Catalog& catalog, const Options& options = {});

// A Mermaid-safe token: letters, digits and '_' only, starting with a letter
// ("character varying(25)" -> "varchar_25", "text[]" -> "text_array").
std::string mermaid_type(const std::string& sql_type);
std::string mermaid_identifier(const std::string& name);

}  // namespace strata::docs
