// Proof on data (docs/migrations.md, "Proof on data"): a throwaway database is filled with rows
// that fit its schema, its values are kept, and after a migration (and after its down) the
// invariants that keep users' data safe are checked on those rows. The database's own catalogs
// say what fits (types, lengths, enums, domains, keys); PostgreSQL decides what it accepts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "strata/diff.h"
#include "strata/model.h"

namespace strata::prove {

struct FillOptions {
  int rows = 20;      // per table
  unsigned seed = 1;  // same seed, same rows
};

struct FillReport {
  int tables = 0;                  // tables that can hold rows of their own
  int filled = 0;                  // tables that got every row asked for
  int holding_rows = 0;            // tables with rows after filling (theirs or synthetic)
  long rows = 0;                   // rows inserted
  std::vector<std::string> notes;  // "public.t: 3 of 20 rows (...)", for the others
  std::string summary() const;     // "proven on 40 synthetic rows (2 of 2 tables filled)"
};

// Inserts `rows` synthetic rows into every user table, parents before the tables that reference
// them: values of each column's type (its length, precision, enum labels, domain), foreign keys
// pointing at existing parent rows, defaults, identities and generated columns left to the
// database. A batch the database refuses (a CHECK, a trigger, a partition bound) is retried row
// by row; what still fails is left out and noted.
FillReport fill(const std::string& connection, const FillOptions& options = {});

// One table's rows, keyed by primary key (the row's position in a sorted list without one).
struct TableRows {
  std::string name;                       // schema.table, quoted
  std::vector<std::string> key_columns;   // the primary key, in key order; empty without one
  std::vector<std::string> columns;       // every column, by name
  std::map<std::string, std::vector<std::string>> rows;  // key -> quote_nullable(value::text) per column
  bool sampled = false;  // only the first rows by key: compared where their keys are found again
};

// The values of every table of `catalog` that has rows, and whether an INSERT of a new row
// (required columns only, the rest left to their defaults) works in each.
struct Snapshot {
  std::map<std::string, TableRows> tables;     // by table key
  std::map<std::string, bool> insert_works;    // by table key
  std::vector<std::string> notes;              // tables whose values are not kept, and why
};
// `sample_rows` > 0 keeps only that many rows per table, the first by primary key (a copy of
// production is too large to hold whole); a table without a primary key and with more rows than
// that is left out of the value checks (noted). 0 keeps every row.
Snapshot snapshot(const std::string& connection, const model::Catalog& catalog, const FillOptions& options = {},
                  long sample_rows = 0);

// A broken invariant: which table, column and row, what broke, and what to do.
struct Violation {
  std::string table;
  std::string column;     // "" when the whole row or table
  std::string invariant;  // "rows survive", "values are kept", ...
  std::string example;    // the row (its key) and the values
  std::string hint;
  bool warning = false;   // a NOT VALID constraint that existing rows break: VALIDATE will fail
  // A row gone or a value changed: wrong for a generated migration, what a hand-written data
  // migration may do on purpose (`strata rehearse` reports these as changes).
  bool changes_data = false;
  std::string line() const;
};

// After the up migration from `from` to `to` (renames as `options` declares them): every row
// survives and keeps the values of the columns both catalogs have (a retyped column's value cast
// to the new type), an INSERT works where it worked before, every CHECK and foreign key holds on
// every row (NOT VALID ones too) and generated columns equal their expressions in the tables the
// plan touches (or whose constraints, indexes or columns use an object it changes), and the btree
// indexes of those tables agree with their rows (contrib's amcheck).
std::vector<Violation> check_after_up(const std::string& connection, const Snapshot& before, const model::Catalog& from,
                                      const model::Catalog& to, const diff::Plan& plan, const diff::Options& options,
                                      const FillOptions& fill_options = {});

// After the down migration: the rows and values of the snapshot are back, except in the tables
// and columns the up migration dropped or changed destructively (their rows were approved lost).
std::vector<Violation> check_after_down(const std::string& connection, const Snapshot& before, const diff::Plan& up);

}  // namespace strata::prove
