// The snapshot before a migration, and the invariants checked on the rows after it.
#include <algorithm>
#include <optional>
#include <set>

#include "live_tables.h"
#include "row_batches.h"
#include "strata/prove.h"

namespace strata::prove {
namespace {

using model::Kind;
using model::Object;

constexpr std::size_t kExamples = 3;  // examples per table and invariant

std::string name_of(const Object& object) { return model::qualified_name(object.schema, object.name); }

// A partitioned table holds no rows of its own (its partitions do); a foreign table's are on
// another server, never read.
bool holds_no_rows_here(const Object& table) {
  return (table.attrs.contains("partition_key") && table.attrs["partition_key"].is_string()) ||
         (table.attrs.contains("foreign") && !table.attrs["foreign"].is_null());
}

// The objects of `kind` keyed under a table ("column:public.t.*", "constraint:public.t.*"):
// a range of the sorted map, not a walk over the catalog.
std::vector<const Object*> parts_of(const model::Catalog& catalog, const std::string& table, const std::string& kind) {
  const std::string prefix = kind + ":" + model::key_name(table) + ".";
  std::vector<const Object*> parts;
  for (auto it = catalog.objects.lower_bound(prefix); it != catalog.objects.end() && it->first.starts_with(prefix); ++it) {
    if (it->second.parent == table) parts.push_back(&it->second);
  }
  return parts;
}

// Columns of a table in position order.
std::vector<const Object*> columns_of(const model::Catalog& catalog, const std::string& table) {
  auto columns = parts_of(catalog, table, "column");
  std::sort(columns.begin(), columns.end(), [](const Object* a, const Object* b) {
    return a->attrs.value("position", 0) < b->attrs.value("position", 0);
  });
  return columns;
}

std::vector<std::string> primary_key_of(const model::Catalog& catalog, const std::string& table) {
  for (const Object* constraint : parts_of(catalog, table, "constraint")) {
    if (constraint->attrs.value("type", "") == "p" && constraint->attrs.contains("columns") &&
        constraint->attrs["columns"].is_array()) {
      return constraint->attrs["columns"].get<std::vector<std::string>>();
    }
  }
  return {};
}

// ROW(k1, k2)::text: a row's key as text, "(1,a)".
std::string key_text(const std::vector<std::string>& key_columns) {
  std::string sql = "ROW(";
  for (std::size_t i = 0; i < key_columns.size(); ++i) sql += (i ? ", " : "") + pg::identifier(key_columns[i]);
  return sql + ")::text";
}

using RowMap = std::map<std::string, std::vector<std::string>>;

// SELECT key, quote_nullable(column::text) ... FROM ONLY table `suffix`, read as key -> values.
// Without a key, rows are keyed by their values and a counter (`#2` for the second equal row).
struct RowsQuery {
  std::string table;
  bool keyed = false;
  std::string sql;

  RowsQuery(const std::string& table_name, const std::vector<std::string>& key_columns,
            const std::vector<std::string>& columns, const std::string& suffix = "")
      : table(table_name), keyed(!key_columns.empty()) {
    sql = "SELECT " + (key_columns.empty() ? std::string("''") : key_text(key_columns));
    for (const auto& column : columns) sql += ", quote_nullable(" + pg::identifier(column) + "::text)";
    sql += " FROM ONLY " + table + suffix;
  }

  RowMap rows(const PGresult* result) const {
    RowMap rows;
    for (int row = 0; row < PQntuples(result); ++row) {
      std::vector<std::string> values;
      for (int column = 1; column < PQnfields(result); ++column) values.push_back(pg::value(result, row, column));
      std::string key = pg::value(result, row, 0);
      if (!keyed) {
        for (const auto& value : values) key += value + "|";
        std::string unique = key;
        for (int copy = 2; rows.count(unique); ++copy) unique = key + "#" + std::to_string(copy);
        key = unique;
      }
      rows.emplace(std::move(key), std::move(values));
    }
    return rows;
  }
};

// The rows of many tables, a round trip per pg::kBatchStatements tables.
std::vector<RowMap> read_rows(const pg::Session& session, const std::vector<RowsQuery>& queries) {
  std::vector<std::string> texts;
  for (const auto& query : queries) texts.push_back(query.sql);
  const auto results = pg::query_all(session.get(), texts, "read the rows of the tables");
  std::vector<RowMap> rows;
  rows.reserve(queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) rows.push_back(queries[i].rows(results[i].get()));
  return rows;
}

// WHERE the row's key is one of a sample's: the sampled rows as they are now (PostgreSQL hashes
// a long constant list, so this is one scan of the table).
std::string where_key_in(const std::vector<std::string>& key_columns, const TableRows& sample) {
  std::string list;
  for (const auto& [key, row] : sample.rows) list += (list.empty() ? "" : ", ") + pg::literal(key);
  return " WHERE " + key_text(key_columns) + " = ANY (ARRAY[" + list + "]::text[])";
}

// What each old value (a quote_nullable literal) reads as in `type`: cast to it and back to text.
// Empty when the database refuses the cast of one of them (compared as text then).
std::map<std::string, std::string> cast_values(const pg::Session& session, const std::set<std::string>& values,
                                               const std::string& type) {
  std::string list;
  for (const auto& value : values) {
    if (value != "NULL") list += (list.empty() ? "" : ", ") + value;
  }
  std::map<std::string, std::string> cast{{"NULL", "NULL"}};
  if (list.empty()) return cast;
  const auto result = session.send("SELECT quote_nullable(v), quote_nullable(v::" + type + "::text) FROM unnest(ARRAY[" +
                                   list + "]::text[]) AS x(v)");
  if (!pg::succeeded(result.get())) return {};
  for (int row = 0; row < PQntuples(result.get()); ++row) cast[pg::value(result.get(), row, 0)] = pg::value(result.get(), row, 1);
  return cast;
}

class Checker {
 public:
  Checker(const pg::Session& session, std::vector<Violation>& violations) : session_(session), violations_(violations) {}

  // The rows of `before` against the table now: `kept` pairs a snapshot column index with the
  // column's name now and the type to cast its old value to ("" for none).
  struct Kept {
    std::size_t index;
    std::string name;
    std::string cast_to;
    std::map<std::string, std::string> renamed_values;  // an enum's renamed labels, quoted: 'old' -> 'new'
  };
  // Comparing is two steps, so that the rows of every table are read in a few round trips: the
  // query reading a table's rows now (nullopt when a sample without its key cannot be found
  // again), then the comparison with what it read.
  struct Comparison {
    const TableRows* before;
    std::string table_now;
    std::vector<std::string> key_now;
    std::vector<Kept> kept;
    std::string when;
  };
  static std::optional<RowsQuery> query_for(const Comparison& comparison) {
    const TableRows& before = *comparison.before;
    const bool keyed = !before.key_columns.empty() && !comparison.key_now.empty();
    if (before.sampled && !keyed) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& column : comparison.kept) names.push_back(column.name);
    return RowsQuery(comparison.table_now, keyed ? comparison.key_now : std::vector<std::string>{}, names,
                     before.sampled ? where_key_in(comparison.key_now, before) : "");
  }
  void compare_all(const std::vector<Comparison>& comparisons) {
    std::vector<RowsQuery> queries;
    std::vector<const Comparison*> read;
    for (const auto& comparison : comparisons) {
      if (auto query = query_for(comparison)) {
        queries.push_back(std::move(*query));
        read.push_back(&comparison);
      }
    }
    // A slice at a time: the rows read now are not all held at once.
    for (std::size_t first = 0; first < queries.size(); first += pg::kBatchStatements) {
      const std::size_t end = std::min(queries.size(), first + pg::kBatchStatements);
      const auto rows =
          read_rows(session_, {queries.begin() + static_cast<long>(first), queries.begin() + static_cast<long>(end)});
      for (std::size_t i = first; i < end; ++i) compare_rows(*read[i], rows[i - first]);
    }
  }

  void compare_rows(const Comparison& comparison, const RowMap& now) {
    const TableRows& before = *comparison.before;
    const std::string& table_now = comparison.table_now;
    const auto& kept = comparison.kept;
    const std::string& when = comparison.when;
    const bool keyed = !before.key_columns.empty() && !comparison.key_now.empty();
    // The old values as the new types read them.
    std::vector<std::map<std::string, std::string>> casts(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
      casts[i] = kept[i].renamed_values;
      if (kept[i].cast_to.empty()) continue;
      std::set<std::string> values;
      for (const auto& [key, row] : before.rows) values.insert(row[kept[i].index]);
      casts[i] = cast_values(session_, values, kept[i].cast_to);
    }
    const auto expected = [&](const std::vector<std::string>& row, std::size_t i) {
      const std::string& old = row[kept[i].index];
      const auto it = casts[i].find(old);
      return it == casts[i].end() ? old : it->second;
    };
    std::size_t gone = 0, changed = 0;
    if (keyed) {
      for (const auto& [key, row] : before.rows) {
        const auto it = now.find(key);
        if (it == now.end()) {
          if (gone++ < kExamples) add(table_now, "", "every row survives " + when, "row " + key + " is gone",
                                      "the migration deletes rows: approve it as destructive, or keep them", false, true);
          continue;
        }
        for (std::size_t i = 0; i < kept.size(); ++i) {
          const std::string want = expected(row, i);
          if (it->second[i] == want) continue;
          if (changed++ < kExamples) {
            add(table_now, kept[i].name, "values are kept " + when,
                "row " + key + ": " + want + " became " + it->second[i],
                kept[i].cast_to.empty() ? "the migration rewrites a column it does not change: report it"
                                        : "the new type does not hold every value: widen it, or convert the values in a "
                                          "hand-written migration (`strata new`) first",
                false, true);
          }
        }
      }
      return;
    }
    // Without a key: the rows as multisets of their kept values.
    std::multiset<std::vector<std::string>> want, have;
    for (const auto& [key, row] : before.rows) {
      std::vector<std::string> values;
      for (std::size_t i = 0; i < kept.size(); ++i) values.push_back(expected(row, i));
      want.insert(values);
    }
    for (const auto& [key, row] : now) have.insert(row);
    if (have.size() < want.size()) {
      add(table_now, "", "every row survives " + when,
          std::to_string(want.size()) + " rows before, " + std::to_string(have.size()) + " after",
          "the migration deletes rows: approve it as destructive, or keep them", false, true);
    } else if (want != have) {
      add(table_now, "", "values are kept " + when, "a row's values differ (the table has no primary key to name it)",
          "compare the column types before and after: a narrower type does not hold every value", false, true);
    }
  }

  // A query that returns an offending row (as JSON) or nothing.
  void expect_none(const std::string& sql, const std::string& table, const std::string& column,
                   const std::string& invariant, const std::string& hint, bool warning = false) {
    const auto result = session_.send(sql);
    if (!pg::succeeded(result.get())) {
      add(table, column, invariant, "cannot check it: " + pg::one_line(pg::error_field(result.get(), PG_DIAG_MESSAGE_PRIMARY)),
          hint, warning);
      session_.rollback_quietly();
      return;
    }
    if (PQntuples(result.get()) > 0) add(table, column, invariant, "row " + pg::value(result.get(), 0, 0), hint, warning);
  }

  void add(const std::string& table, const std::string& column, const std::string& invariant, const std::string& example,
           const std::string& hint, bool warning = false, bool changes_data = false) {
    violations_.push_back({table, column, invariant, example, hint, warning, changes_data});
  }

 private:
  const pg::Session& session_;
  std::vector<Violation>& violations_;
};

// "CHECK ((x > 0)) NOT VALID" -> "(x > 0)"
std::string check_expression(std::string definition) {
  for (const std::string suffix : {" NOT VALID", " NO INHERIT"}) {
    if (definition.ends_with(suffix)) definition.erase(definition.size() - suffix.size());
  }
  return definition.starts_with("CHECK ") ? definition.substr(6) : definition;
}

// The tables whose rows the plan may have left breaking a constraint, a generated column or an
// index: the ones it changes, and those whose indexes, constraints or columns use what it changes
// (a function, a domain). The others' rows met every constraint before and are as they were.
std::set<std::string> touched_tables(const model::Catalog& to, const diff::Plan& plan) {
  std::set<std::string> changed, tables;
  for (const auto& change : plan.changes) changed.insert(change.key);
  for (const auto& key : changed) {
    const Object* object = to.find(key);
    if (!object) continue;
    if (object->kind == Kind::Table) tables.insert(key);
    else if (!object->parent.empty()) tables.insert(object->parent);
  }
  for (const auto& [key, object] : to.objects) {
    if (object.kind != Kind::Index && object.kind != Kind::Constraint && object.kind != Kind::Column) continue;
    if (std::any_of(object.depends_on.begin(), object.depends_on.end(), [&](const std::string& d) { return changed.count(d); })) {
      tables.insert(object.parent);
    }
  }
  // A foreign key into a touched table: the parent rows it needs may be gone.
  for (const auto& [key, object] : to.objects) {
    const auto referenced = object.attrs.find("referenced_table");
    if (object.kind == Kind::Constraint && referenced != object.attrs.end() && referenced->is_string() &&
        tables.count(referenced->get<std::string>())) {
      tables.insert(object.parent);
    }
  }
  return tables;
}

}  // namespace

std::string Violation::line() const {
  return (warning ? "warning: " : "") + table + (column.empty() ? "" : "." + column) + ": " + invariant + ": " +
         example + (hint.empty() ? "" : " (" + hint + ")");
}

Snapshot snapshot(const std::string& connection, const model::Catalog& catalog, const FillOptions& options,
                  long sample_rows) {
  Snapshot snapshot;
  pg::Session session(connection, "strata proof");
  std::vector<std::pair<std::string, TableRows>> tables;
  std::vector<RowsQuery> queries;
  for (const auto& [key, table] : catalog.objects) {
    if (table.kind != Kind::Table || holds_no_rows_here(table)) continue;
    TableRows rows;
    rows.name = name_of(table);
    rows.key_columns = primary_key_of(catalog, key);
    for (const Object* column : columns_of(catalog, key)) rows.columns.push_back(column->name);
    std::string suffix;
    if (sample_rows > 0 && !rows.key_columns.empty()) {
      suffix = " ORDER BY ";
      for (std::size_t i = 0; i < rows.key_columns.size(); ++i) suffix += (i ? ", " : "") + pg::identifier(rows.key_columns[i]);
      suffix += " LIMIT " + std::to_string(sample_rows);
    } else if (sample_rows > 0) {
      suffix = " LIMIT " + std::to_string(sample_rows + 1);
    }
    queries.emplace_back(rows.name, rows.key_columns, rows.columns, suffix);
    tables.emplace_back(key, std::move(rows));
  }
  auto read_now = read_rows(session, queries);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    auto& [key, rows] = tables[i];
    rows.rows = std::move(read_now[i]);
    const auto read = static_cast<long>(rows.rows.size());
    rows.sampled = sample_rows > 0 && read >= sample_rows;  // with a key: there may be more rows
    if (sample_rows > 0 && rows.key_columns.empty() && read > sample_rows) {
      snapshot.notes.push_back(rows.name + ": no primary key and more than " + std::to_string(sample_rows) +
                               " rows: its values are not compared (its row count is)");
      continue;
    }
    if (!rows.rows.empty()) snapshot.tables.emplace(key, std::move(rows));
  }
  // Whether a new row goes in: a probe rolled back at once.
  const detail::LiveTables live(session);
  const long probe = detail::first_row(options) + options.rows;
  std::vector<std::string> probes;
  std::vector<std::string> probed;  // their tables' keys
  for (const auto& table : live.tables()) {
    std::string why;
    std::string sql = live.insert(table, probe, probe, detail::Columns::Required, why);
    snapshot.insert_works[table.key] = false;
    if (sql.empty()) continue;
    probes.push_back(std::move(sql));
    probed.push_back(table.key);
  }
  session.exec("BEGIN", "probe inserts");
  const auto outcomes = detail::run_each_in_savepoint(session, probes, false);
  for (std::size_t i = 0; i < probes.size(); ++i) snapshot.insert_works[probed[i]] = outcomes[i].affected >= 0;
  session.exec("ROLLBACK", "end the insert probes");
  return snapshot;
}

std::vector<Violation> check_after_up(const std::string& connection, const Snapshot& before, const model::Catalog& from,
                                      const model::Catalog& to, const diff::Plan& plan, const diff::Options& options,
                                      const FillOptions& fill_options) {
  std::vector<Violation> violations;
  pg::Session session(connection, "strata proof");
  Checker checker(session, violations);
  std::map<std::string, std::string> renamed;  // A key -> B key
  for (const auto& [new_key, old_key] : options.renames) renamed[old_key] = new_key;
  std::map<std::string, std::string> schemas;  // old schema name -> new, for tables in a renamed schema
  for (const auto& [old_key, new_key] : renamed) {
    if (old_key.starts_with("schema:") && new_key.starts_with("schema:")) schemas[old_key.substr(7)] = new_key.substr(7);
  }
  const auto now_key = [&](const std::string& key) {
    if (const auto it = renamed.find(key); it != renamed.end()) return it->second;
    const auto colon = key.find(':'), dot = key.find('.');
    if (dot == std::string::npos) return key;
    const auto schema = schemas.find(key.substr(colon + 1, dot - colon - 1));
    return schema == schemas.end() ? key : key.substr(0, colon + 1) + schema->second + key.substr(dot);
  };

  std::set<std::string> lost;  // tables and columns whose changes were approved destructive
  for (const auto& change : plan.changes) {
    if (change.destructive) lost.insert(change.key);
  }

  // Rows and values.
  std::vector<Checker::Comparison> comparisons;
  for (const auto& [key, rows] : before.tables) {
    const Object* table = to.find(now_key(key));
    if (!table || holds_no_rows_here(*table) || lost.count(table->key)) continue;  // dropped (approved), or now partitioned
    std::vector<Checker::Kept> kept;
    std::map<std::string, std::string> names;  // old column name -> new
    for (std::size_t i = 0; i < rows.columns.size(); ++i) {
      const std::string old_key = "column:" + model::key_name(key) + "." + rows.columns[i];
      const auto renamed_column = renamed.find(old_key);
      const Object* column = to.find(renamed_column != renamed.end() ? renamed_column->second
                                                                     : "column:" + model::key_name(table->key) + "." + rows.columns[i]);
      const Object* old_column = from.find(old_key);
      if (!column || !old_column || lost.count(column->key)) continue;
      const std::string type = column->attrs.value("type", "");
      kept.push_back({i, column->name, type != old_column->attrs.value("type", "") ? type : "", {}});
      // Labels renamed by `-- strata:renamed-label` (ALTER TYPE ... RENAME VALUE): the new label
      // is the old value.
      for (const auto& [type_key, labels] : options.label_renames) {
        const Object* enum_type = to.find(type_key);
        if (!enum_type || model::qualified_name(enum_type->schema, enum_type->name) != type) continue;
        for (const auto& [old_label, new_label] : labels) {
          kept.back().renamed_values[pg::literal(old_label)] = pg::literal(new_label);
        }
      }
      names[rows.columns[i]] = column->name;
    }
    std::vector<std::string> key_now;
    for (const auto& column : rows.key_columns) {
      if (!names.count(column)) {
        key_now.clear();
        break;
      }
      key_now.push_back(names[column]);
    }
    comparisons.push_back({&rows, name_of(*table), key_now, kept, "after the up migration"});
  }
  checker.compare_all(comparisons);

  // A new row goes in where one did before.
  const detail::LiveTables live(session);
  const long probe = detail::first_row(fill_options) + fill_options.rows;
  std::vector<std::string> probes;
  std::vector<const detail::LiveTable*> probed;
  for (const auto& [key, worked] : before.insert_works) {
    const auto* table = worked ? live.find(now_key(key)) : nullptr;
    if (!table) continue;
    std::string why;
    std::string sql = live.insert(*table, probe, probe, detail::Columns::Required, why);
    if (sql.empty()) continue;
    probes.push_back(std::move(sql));
    probed.push_back(table);
  }
  session.exec("BEGIN", "probe inserts");
  const auto outcomes = detail::run_each_in_savepoint(session, probes, false);
  session.exec("ROLLBACK", "end the insert probes");
  for (std::size_t i = 0; i < probes.size(); ++i) {
    // A key the database hands out that is taken already, or a column nothing fills: what the
    // probe is for (a CHECK that refuses its made-up values says nothing of the migration).
    const auto& outcome = outcomes[i];
    if (outcome.affected >= 0 || (outcome.sqlstate != "23505" && outcome.sqlstate != "23502")) continue;
    checker.add(probed[i]->name, "", "a new row can be inserted as before", outcome.error,
                "an identity or sequence behind the existing keys, or a new NOT NULL column without a default");
  }

  // Every CHECK and foreign key holds; generated columns are their expressions.
  const auto tables = touched_tables(to, plan);
  for (const auto& [key, object] : to.objects) {
    const Object* table = tables.count(object.parent) ? to.find(object.parent) : nullptr;
    if (!table || (table->attrs.contains("foreign") && !table->attrs["foreign"].is_null())) continue;
    const std::string name = name_of(*table);
    if (object.kind == Kind::Constraint && object.attrs.value("type", "") == "c") {
      const bool validated = object.attrs.value("validated", true);
      checker.expect_none("SELECT row_to_json(t)::text FROM " + name + " t WHERE NOT " +
                              check_expression(object.attrs.value("definition", "")) + " LIMIT 1",
                          name, "", std::string("CHECK ") + object.name + (validated ? "" : " (NOT VALID)") + " holds",
                          "existing rows break it: fix them in a hand-written migration first", !validated);
    } else if (object.kind == Kind::Constraint && object.attrs.value("type", "") == "f" &&
               !object.attrs.value("validated", true)) {
      const Object* referenced = to.find(object.attrs.value("referenced_table", ""));
      const auto columns = object.attrs.value("columns", std::vector<std::string>{});
      const auto targets = object.attrs.value("referenced_columns", std::vector<std::string>{});
      if (!referenced || columns.size() != targets.size() || columns.empty()) continue;
      std::string present, match;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        present += (i ? " AND " : "") + ("t." + pg::identifier(columns[i])) + " IS NOT NULL";
        match += (i ? " AND " : "") + ("p." + pg::identifier(targets[i])) + " = t." + pg::identifier(columns[i]);
      }
      checker.expect_none("SELECT row_to_json(t)::text FROM " + name + " t WHERE " + present + " AND NOT EXISTS (SELECT FROM " +
                              name_of(*referenced) + " p WHERE " + match + ") LIMIT 1",
                          name, "", "foreign key " + object.name + " (NOT VALID) holds",
                          "rows point at missing parents: VALIDATE CONSTRAINT will fail", true);
    } else if (object.kind == Kind::Column && object.attrs.contains("generated") && object.attrs["generated"].is_string()) {
      checker.expect_none("SELECT row_to_json(t)::text FROM " + name + " t WHERE " + pg::identifier(object.name) +
                              " IS DISTINCT FROM (" + object.attrs["generated"].get<std::string>() + ") LIMIT 1",
                          name, object.name, "the generated column equals its expression",
                          "a function it calls changed: the column must be computed again");
    }
  }

  // Indexes agree with their rows (contrib's amcheck, in a transaction rolled back: the catalog
  // stays as the migration left it).
  if (!tables.empty()) {
    session.exec("BEGIN", "check indexes");
    std::string error;
    if (detail::run_in_savepoint(session, "CREATE SCHEMA strata_amcheck; CREATE EXTENSION amcheck SCHEMA strata_amcheck",
                                 error) < 0) {
      checker.add("(indexes)", "", "btree indexes agree with their rows", "cannot check them: " + error,
                  "install PostgreSQL's contrib (amcheck)", true);
    } else {
      // Every btree index of the touched tables (and of their partitions) in one query, checked
      // in a few round trips.
      std::string names;
      for (const auto& key : tables) {
        if (const Object* table = to.find(key)) names += (names.empty() ? "" : ", ") + pg::literal(name_of(*table));
      }
      const auto indexes = session.query(
          "WITH t AS (SELECT name, name::regclass AS relid FROM unnest(ARRAY[" + names + "]::text[]) AS u(name)),"
              " r AS (SELECT name, relid FROM t UNION SELECT t.name, p.relid FROM t, pg_partition_tree(t.relid) p)"
              " SELECT c.oid, format('%I.%I', n.nspname, c.relname), r.name FROM r"
              " JOIN pg_index i ON i.indrelid = r.relid JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
              " JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'btree' AND c.relkind = 'i' AND i.indisvalid"
              " ORDER BY r.name, 2",
          "list the indexes of the tables the plan touches");
      std::vector<std::string> checks;
      for (const auto& index : indexes) {
        checks.push_back("SELECT strata_amcheck.bt_index_check(" + index[0] + "::regclass, true)");
      }
      const auto outcomes = detail::run_each_in_savepoint(session, checks, false);
      for (std::size_t i = 0; i < indexes.size(); ++i) {
        if (outcomes[i].affected >= 0) continue;
        checker.add(indexes[i][2], "", "index " + indexes[i][1] + " agrees with its rows", outcomes[i].error,
                    "the plan leaves the index stale: it must be rebuilt (REINDEX)");
      }
    }
    session.exec("ROLLBACK", "end the index checks");
  }
  return violations;
}

std::vector<Violation> check_after_down(const std::string& connection, const Snapshot& before, const diff::Plan& up) {
  std::vector<Violation> violations;
  pg::Session session(connection, "strata proof");
  Checker checker(session, violations);
  std::set<std::string> lost;  // what the up migration was approved to lose
  for (const auto& change : up.changes) {
    if (change.destructive) lost.insert(change.key);
  }
  std::vector<Checker::Comparison> comparisons;
  for (const auto& [key, rows] : before.tables) {
    if (lost.count(key)) continue;
    std::vector<Checker::Kept> kept;
    for (std::size_t i = 0; i < rows.columns.size(); ++i) {
      if (!lost.count("column:" + model::key_name(key) + "." + rows.columns[i])) kept.push_back({i, rows.columns[i], "", {}});
    }
    comparisons.push_back({&rows, rows.name, rows.key_columns, kept, "after the down migration"});
  }
  checker.compare_all(comparisons);
  return violations;
}

}  // namespace strata::prove
