#include "live_tables.h"

#include <algorithm>
#include <set>

#include "strata/runner.h"

namespace strata::prove::detail {
namespace {

// User tables that hold rows of their own (partitions get theirs through their parent), outside
// the runner's history schema and extensions.
std::string user_tables_sql() {
  return "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
         " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
         " AND n.nspname NOT IN ('pg_catalog', 'information_schema', " + pg::literal(runner::kHistorySchema) + ")"
         " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
         " AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid"
         " AND e.deptype = 'e')";
}

// The first value a partition bound admits, as SQL: `FOR VALUES FROM ('2022-01-01') TO (...)`
// -> `'2022-01-01'`, `FOR VALUES IN ('a', 'b')` -> `'a'`; "" for MINVALUE, DEFAULT, hash bounds.
std::string first_bound_value(const std::string& bound) {
  std::size_t at = bound.find("FROM (");
  if (at != std::string::npos) at += 6;
  else if ((at = bound.find("IN (")) != std::string::npos) at += 4;
  else return "";
  bool quoted = false;
  std::size_t end = at;
  for (; end < bound.size(); ++end) {
    const char c = bound[end];
    if (c == '\'') quoted = !quoted;
    else if (!quoted && (c == ',' || c == ')')) break;
  }
  const std::string value = bound.substr(at, end - at);
  return value == "MINVALUE" || value == "MAXVALUE" ? "" : value;
}

unsigned to_oid(const std::string& text) { return text.empty() ? 0 : static_cast<unsigned>(std::stoul(text)); }

// Kahn's order over the foreign keys (a self-reference does not count); what a cycle leaves
// comes last, in name order.
std::vector<LiveTable> parents_first(std::vector<LiveTable> tables) {
  std::map<std::string, std::set<std::string>> waits_for;  // name -> referenced names
  for (const auto& table : tables) {
    for (const auto& key : table.foreign_keys) {
      if (key.referenced != table.name) waits_for[table.name].insert(key.referenced);
    }
  }
  std::vector<LiveTable> ordered;
  std::set<std::string> placed;
  bool progress = true;
  while (progress && ordered.size() < tables.size()) {
    progress = false;
    for (auto& table : tables) {
      if (placed.count(table.name)) continue;
      const auto& waits = waits_for[table.name];
      if (std::all_of(waits.begin(), waits.end(), [&](const std::string& name) { return placed.count(name) > 0; })) {
        placed.insert(table.name);
        ordered.push_back(table);
        progress = true;
      }
    }
  }
  for (auto& table : tables) {
    if (!placed.count(table.name)) ordered.push_back(table);
  }
  return ordered;
}

}  // namespace

LiveTables::LiveTables(const pg::Session& session) {
  const std::string tables = user_tables_sql();
  std::map<unsigned, LiveTable> by_oid;
  for (const auto& row : session.query("SELECT c.oid, n.nspname, c.relname, format('%I.%I', n.nspname, c.relname)"
                                       " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                       " WHERE c.oid IN (" + tables + ") ORDER BY 4",
                                       "read the tables to fill")) {
    by_oid[to_oid(row[0])] = LiveTable{"table:" + row[1] + "." + row[2], row[3], {}, {}, {}, {}};
  }
  for (const auto& row : session.query(
           "SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
           " a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '',"
           " a.atthasdef AND a.attidentity = '' AND a.attgenerated = '' AND pg_get_expr(d.adbin, d.adrelid) NOT LIKE 'nextval(%'"
           " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
           " WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN (" + tables + ")"
           " ORDER BY a.attrelid, a.attnum",
           "read the columns to fill")) {
    by_oid[to_oid(row[0])].columns.push_back(
        {row[1], to_oid(row[2]), std::stoi(row[3]), row[4], row[5] == "t", row[6] == "t", row[7] == "t"});
  }
  for (const auto& row : session.query(
           "SELECT pt.partrelid, a.attname, pg_get_expr(c.relpartbound, c.oid) FROM pg_partitioned_table pt"
           " JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]"
           " JOIN pg_inherits i ON i.inhparent = pt.partrelid JOIN pg_class c ON c.oid = i.inhrelid"
           " WHERE pt.partnatts = 1 AND pt.partrelid IN (" + tables + ") ORDER BY pt.partrelid, c.relname",
           "read the partitions to fill")) {
    auto& table = by_oid[to_oid(row[0])];
    table.partition_column = row[1];
    if (auto value = first_bound_value(row[2]); !value.empty()) table.partition_values.push_back(value);
  }
  std::map<std::string, std::pair<unsigned, LiveForeignKey>> keys;  // by constraint oid
  for (const auto& row : session.query(
           // A partition's own foreign keys bind the rows inserted through its root too.
           "SELECT con.oid, coalesce(pg_partition_root(con.conrelid), con.conrelid)::oid, format('%I.%I', fn.nspname, fc.relname),"
           " a.attname, fa.attname"
           " FROM pg_constraint con CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, i)"
           " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
           " JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum"
           " JOIN pg_class fc ON fc.oid = con.confrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
           " WHERE con.contype = 'f' AND con.conparentid = 0"
           " AND coalesce(pg_partition_root(con.conrelid), con.conrelid) IN (" + tables + ") ORDER BY con.oid, k.i",
           "read the foreign keys to fill")) {
    auto& [table, key] = keys[row[0]];
    table = to_oid(row[1]);
    key.referenced = row[2];
    key.columns.push_back(row[3]);
    key.referenced_columns.push_back(row[4]);
  }
  for (auto& [oid, key] : keys) by_oid[key.first].foreign_keys.push_back(std::move(key.second));

  for (const auto& row : session.query(
           "SELECT t.oid, t.typname, format_type(t.oid, NULL), t.typtype, t.typcategory, t.typelem, t.typbasetype,"
           " t.typtypmod, coalesce(r.rngsubtype, 0) FROM pg_type t LEFT JOIN pg_range r ON r.rngtypid = t.oid"
           " WHERE t.typtype <> 'p' AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')",
           "read the types to fill")) {
    TypeInfo info;
    info.name = row[1];
    info.sql = row[2];
    info.type = row[3].empty() ? 'b' : row[3][0];
    info.category = row[4].empty() ? 'X' : row[4][0];
    info.element = to_oid(row[5]);
    info.base = to_oid(row[6]);
    info.base_typmod = std::stoi(row[7]);
    info.subtype = to_oid(row[8]);
    types_[to_oid(row[0])] = std::move(info);
  }
  for (const auto& row : session.query(
           "SELECT t.oid, a.atttypid, a.atttypmod FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'"
           " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY t.oid, a.attnum",
           "read the composite types to fill")) {
    types_[to_oid(row[0])].attributes.emplace_back(to_oid(row[1]), std::stoi(row[2]));
  }

  std::vector<LiveTable> list;
  for (auto& [oid, table] : by_oid) list.push_back(std::move(table));
  tables_ = parents_first(std::move(list));
}

const LiveTable* LiveTables::find(const std::string& key) const {
  for (const auto& table : tables_) {
    if (table.key == key) return &table;
  }
  return nullptr;
}

std::string LiveTables::value(unsigned type, int typmod, const std::string& n, int depth) const {
  const auto it = types_.find(type);
  if (it == types_.end() || depth > 3) return "";
  const TypeInfo& info = it->second;
  switch (info.type) {
    case 'd': {  // the base type's value, which the domain's CHECKs may refuse (the row is retried)
      const std::string base = value(info.base, info.base_typmod, n, depth + 1);
      return base.empty() ? "" : "(" + base + ")::" + info.sql;
    }
    case 'e':
      return "(enum_range(NULL::" + info.sql + "))[1 + (" + n + ") % cardinality(enum_range(NULL::" + info.sql + "))]";
    case 'r': {  // [value, infinity): valid whatever the subtype's order
      const std::string lower = value(info.subtype, -1, n, depth + 1);
      return lower.empty() ? "" : info.sql + "(" + lower + ", NULL)";
    }
    case 'c': {
      if (info.attributes.empty()) return "";
      std::string row = "ROW(";
      for (std::size_t i = 0; i < info.attributes.size(); ++i) {
        const auto& [attribute, attribute_typmod] = info.attributes[i];
        const std::string item = value(attribute, attribute_typmod, n, depth + 1);
        row += (i ? ", " : "") + (item.empty() ? std::string("NULL") : item);
      }
      return row + ")::" + info.sql;
    }
    case 'b':
      if (info.category == 'A' && info.element != 0) {
        const std::string element = value(info.element, typmod, n, depth + 1);
        return element.empty() ? "" : "ARRAY[" + element + "]";  // the column's cast gives it its type
      }
      return base_value(info, typmod, n);
    default:
      return "";
  }
}

std::string LiveTables::base_value(const TypeInfo& info, int typmod, const std::string& n) const {
  const std::string& t = info.name;
  const std::string cast = "::" + info.sql;
  if (t == "int2") return "((" + n + ") % 32767)::int2";
  if (t == "int4" || t == "int8" || t == "float4" || t == "float8") return "(" + n + ")" + cast;
  if (t == "numeric") {
    int digits = 9;  // numeric(p, s) holds p - s digits before the point
    if (typmod >= 4) digits = std::min(9, ((typmod - 4) >> 16 & 0xffff) - ((typmod - 4) & 0xffff));
    if (digits <= 0) return "0" + cast;
    long limit = 1;
    for (int i = 0; i < digits; ++i) limit *= 10;
    return "((" + n + ") % " + std::to_string(limit - 1) + ")::numeric";
  }
  if (t == "money") return "(" + n + ")::numeric::money";
  if (t == "bool") return "((" + n + ") % 2 = 0)";
  if (info.category == 'S') {  // text, varchar(k), char(k), name, citext: as long as the type allows
    const int length = typmod >= 5 ? typmod - 4 : 24;
    // No cast to the bare type: format_type calls bpchar `character`, which is char(1).
    return "rpad('v' || (" + n + ") || '_', " + std::to_string(length) + ", md5((" + n + ")::text))";
  }
  if (t == "date") return "(DATE '2020-01-01' + (" + n + "))";
  if (t == "timestamp" || t == "timestamptz") return "(TIMESTAMP '2020-01-01' + (" + n + ") * INTERVAL '1 hour')" + cast;
  if (t == "time" || t == "timetz") return "(TIME '00:00' + (" + n + ") * INTERVAL '1 minute')" + cast;
  if (t == "interval") return "((" + n + ") * INTERVAL '1 minute')";
  if (t == "uuid") return "md5('strata' || (" + n + "))::uuid";
  if (t == "json" || t == "jsonb") return "json_build_object('n', " + n + ")" + cast;
  if (t == "bytea") return "decode(md5((" + n + ")::text), 'hex')";
  if (t == "xml") return "xmlelement(name v, " + n + ")";
  if (t == "tsvector") return "to_tsvector('simple', 'v' || (" + n + "))";
  if (t == "tsquery") return "to_tsquery('simple', 'v' || (" + n + "))";
  if (t == "pg_lsn") return "('0/' || to_hex(" + n + "))::pg_lsn";
  const std::string octets = "((" + n + ") / 65536 % 256) || '.' || ((" + n + ") / 256 % 256) || '.' || ((" + n + ") % 256)";
  if (t == "inet") return "('10.' || " + octets + ")::inet";
  if (t == "cidr") return "('10.' || " + octets + " || '/32')::cidr";
  const auto hex = [&](const std::string& part) { return "lpad(to_hex(" + part + "), 2, '0')"; };
  const std::string mac = "('08:00:2b:' || " + hex("(" + n + ") / 65536 % 256") + " || ':' || " + hex("(" + n + ") / 256 % 256") +
                          " || ':' || " + hex("(" + n + ") % 256") + ")::macaddr";
  if (t == "macaddr") return mac;
  if (t == "macaddr8") return mac + "::macaddr8";
  const std::string point = "point(" + n + ", " + n + ")";
  const std::string box = "box(" + point + ", point((" + n + ") + 1, (" + n + ") + 1))";
  if (t == "point") return point;
  if (t == "box") return box;
  if (t == "circle") return "circle(" + point + ", 1)";
  if (t == "lseg") return "lseg(" + point + ", point((" + n + ") + 1, " + n + "))";
  if (t == "line") return "line(point(0, " + n + "), point(1, (" + n + ") + 1))";
  if (t == "polygon") return "polygon(" + box + ")";
  if (t == "path") return "path(polygon(" + box + "))";
  if (t == "bit") return "(" + n + ")::bit(" + std::to_string(typmod > 0 ? typmod : 1) + ")";
  if (t == "varbit") return "(" + n + ")::bit(" + std::to_string(typmod > 0 ? std::min(typmod, 32) : 32) + ")::varbit";
  return "";
}

std::string LiveTables::insert(const LiveTable& table, long first, long last, Columns which, std::string& why,
                               const std::string& partition_value) const {
  const std::string n = "g.n";
  const bool required_only = which == Columns::Required;
  // A column left to its default, unless this attempt gives plain defaults a value too.
  const auto left_to_default = [&](const LiveColumn& column) {
    return column.defaulted && !(column.overridable && which != Columns::Every && which != Columns::Required);
  };
  std::vector<std::string> columns, values;
  std::string joins;
  std::set<std::string> done;
  for (std::size_t k = 0; k < table.foreign_keys.size(); ++k) {
    const auto& key = table.foreign_keys[k];
    const std::string alias = "fk" + std::to_string(k);
    std::string select, order, not_null;
    bool used = false;
    for (std::size_t i = 0; i < key.columns.size(); ++i) {
      const auto column = std::find_if(table.columns.begin(), table.columns.end(),
                                       [&](const LiveColumn& c) { return c.name == key.columns[i]; });
      // A foreign key column with a plain default ('en') takes its parent's value instead.
      if (column == table.columns.end() || done.count(column->name) || (column->defaulted && !column->overridable)) continue;
      if (required_only && !column->not_null) continue;
      const std::string referenced = "p." + pg::identifier(key.referenced_columns[i]);
      select += (select.empty() ? "" : ", ") + referenced + " AS c" + std::to_string(i);
      columns.push_back(pg::identifier(column->name));
      values.push_back(alias + ".c" + std::to_string(i));
      done.insert(column->name);
      used = true;
    }
    if (!used) continue;
    for (const auto& referenced : key.referenced_columns) {
      order += (order.empty() ? "" : ", ") + ("p." + pg::identifier(referenced));
      not_null += " AND p." + pg::identifier(referenced) + " IS NOT NULL";
    }
    joins += " LEFT JOIN LATERAL (SELECT " + select + " FROM " + key.referenced + " p WHERE true" + not_null +
             " ORDER BY " + order + " OFFSET (" + n + ") % greatest(1, (SELECT count(*) FROM " + key.referenced +
             ")) LIMIT 1) " + alias + " ON true";
  }
  for (const auto& column : table.columns) {
    if (!partition_value.empty() && column.name == table.partition_column) {
      columns.push_back(pg::identifier(column.name));
      values.push_back("(" + partition_value + ")::" + column.type_sql);
      continue;
    }
    if (done.count(column.name) || left_to_default(column) || (required_only && !column.not_null)) continue;
    const auto type = types_.find(column.type);
    const bool domain = type != types_.end() && type->second.type == 'd';
    std::string expression = value(column.type, column.typmod, domain && which == Columns::SmallDomainValues ? "(" + n + ") % 5" : n, 0);
    if (expression.empty()) {
      if (!column.not_null) continue;  // NULL
      why = "no synthetic value for column " + column.name + " of type " + column.type_sql;
      return "";
    }
    columns.push_back(pg::identifier(column.name));
    values.push_back("(" + expression + ")::" + column.type_sql);
  }
  std::string sql = "INSERT INTO " + table.name;
  if (!columns.empty()) {
    sql += " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ")";
  }
  sql += " SELECT ";
  for (std::size_t i = 0; i < values.size(); ++i) sql += (i ? ", " : "") + values[i];
  return sql + " FROM generate_series(" + std::to_string(first) + ", " + std::to_string(last) + ") AS g(n)" + joins +
         // A batch skips the rows that repeat a unique key; one row (a retry, a probe) is refused
         // for it instead (and a deferrable key, which ON CONFLICT cannot use, still takes rows).
         (required_only || first == last ? "" : " ON CONFLICT DO NOTHING");
}

}  // namespace strata::prove::detail
