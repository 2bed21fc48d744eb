#include "aggregates.h"

#include <vector>

#include "query_result.h"
#include "strata/model.h"

namespace strata::introspect {

// Function references are regproc text: qualified (and quoted) when not in pg_catalog, because
// the search_path is empty. `-` would mean "none", so those come out as NULL instead.
const char* const kAggregateColumns =
    "format('%I.%I', n.nspname, p.proname) AS qualified_name, p.proparallel, ag.aggkind,"
    " ag.aggtransfn::text AS sfunc, format_type(ag.aggtranstype, NULL) AS stype,"
    " ag.aggtransspace AS sspace, ag.agginitval AS initcond,"
    " NULLIF(ag.aggfinalfn, 0)::regproc::text AS finalfunc, ag.aggfinalextra AS finalfunc_extra,"
    " ag.aggfinalmodify AS finalfunc_modify,"
    " NULLIF(ag.aggcombinefn, 0)::regproc::text AS combinefunc,"
    " NULLIF(ag.aggserialfn, 0)::regproc::text AS serialfunc,"
    " NULLIF(ag.aggdeserialfn, 0)::regproc::text AS deserialfunc,"
    " NULLIF(ag.aggmtransfn, 0)::regproc::text AS msfunc,"
    " NULLIF(ag.aggminvtransfn, 0)::regproc::text AS minvfunc,"
    " CASE WHEN ag.aggmtranstype <> 0 THEN format_type(ag.aggmtranstype, NULL) END AS mstype,"
    " ag.aggmtransspace AS msspace, ag.aggminitval AS minitcond,"
    " NULLIF(ag.aggmfinalfn, 0)::regproc::text AS mfinalfunc,"
    " ag.aggmfinalextra AS mfinalfunc_extra, ag.aggmfinalmodify AS mfinalfunc_modify,"
    " CASE WHEN ag.aggsortop <> 0"
    "  THEN format('OPERATOR(%I.%s)', sortop_schema.nspname, sortop.oprname) END AS sortop";

const char* const kAggregateJoins =
    "LEFT JOIN pg_aggregate ag ON ag.aggfnoid = p.oid"
    " LEFT JOIN pg_operator sortop ON sortop.oid = ag.aggsortop"
    " LEFT JOIN pg_namespace sortop_schema ON sortop_schema.oid = sortop.oprnamespace";

namespace {

const CodeNames kFinalFunctionModes = {{"r", "READ_ONLY"}, {"s", "SHAREABLE"}, {"w", "READ_WRITE"}};

// The options of a CREATE AGGREGATE, in pg_dump's order.
std::vector<std::string> aggregate_options(const Row& row) {
  std::vector<std::string> options;
  auto add_if_set = [&](const char* option, const char* column) {
    if (!row.is_null(column)) options.push_back(std::string(option) + " = " + row.text(column));
  };
  auto add_if_nonzero = [&](const char* option, const char* column) {
    if (row.text(column) != "0") options.push_back(std::string(option) + " = " + row.text(column));
  };
  auto add_literal_if_set = [&](const char* option, const char* column) {
    if (!row.is_null(column)) {
      options.push_back(std::string(option) + " = " + model::quote_literal(row.text(column)));
    }
  };
  // Ordered-set and hypothetical-set aggregates modify their state by default.
  const std::string default_modify = row.text("aggkind") == "n" ? "r" : "w";
  auto add_final_options = [&](const char* prefix, const char* function_column,
                               const char* extra_column, const char* modify_column) {
    if (row.is_null(function_column)) return;
    add_if_set((std::string(prefix) + "FINALFUNC").c_str(), function_column);
    if (row.boolean(extra_column)) options.push_back(std::string(prefix) + "FINALFUNC_EXTRA");
    if (row.text(modify_column) != default_modify) {
      options.push_back(std::string(prefix) + "FINALFUNC_MODIFY = " +
                        row.code_name(modify_column, kFinalFunctionModes));
    }
  };

  add_if_set("SFUNC", "sfunc");
  add_if_set("STYPE", "stype");
  add_if_nonzero("SSPACE", "sspace");
  add_literal_if_set("INITCOND", "initcond");
  add_final_options("", "finalfunc", "finalfunc_extra", "finalfunc_modify");
  add_if_set("COMBINEFUNC", "combinefunc");
  add_if_set("SERIALFUNC", "serialfunc");
  add_if_set("DESERIALFUNC", "deserialfunc");
  add_if_set("MSFUNC", "msfunc");
  add_if_set("MINVFUNC", "minvfunc");
  add_if_set("MSTYPE", "mstype");
  add_if_nonzero("MSSPACE", "msspace");
  add_literal_if_set("MINITCOND", "minitcond");
  add_final_options("M", "mfinalfunc", "mfinalfunc_extra", "mfinalfunc_modify");
  add_if_set("SORTOP", "sortop");
  if (row.text("aggkind") == "h") options.push_back("HYPOTHETICAL");
  const std::string parallel = row.text("proparallel");
  if (parallel == "s") options.push_back("PARALLEL = SAFE");
  if (parallel == "r") options.push_back("PARALLEL = RESTRICTED");
  return options;
}

}  // namespace

std::string aggregate_definition(const Row& row) {
  std::string arguments = row.text("arguments");
  if (arguments.empty()) arguments = "*";  // an aggregate over no columns, like count(*)
  std::string definition =
      "CREATE OR REPLACE AGGREGATE " + row.text("qualified_name") + "(" + arguments + ") (";
  const char* separator = "\n    ";
  for (const auto& option : aggregate_options(row)) {
    definition += separator + option;
    separator = ",\n    ";
  }
  return definition + "\n)\n";
}

}  // namespace strata::introspect
