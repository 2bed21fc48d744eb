#include "random_changes.h"

#include <functional>
#include <random>

#include <pqxx/pqxx>

#include "test_cluster.h"

namespace strata::roundtrip {
namespace {

using model::Catalog;
using model::Kind;
using model::Object;

struct Pools {
  std::vector<const Object*> tables;   // plain tables (not partitions), with their columns
  std::vector<const Object*> columns;  // local columns of those tables
  std::vector<const Object*> enums;
  std::vector<const Object*> indexes;
  std::vector<const Object*> primary_keys;  // single-column primary keys
  std::vector<const Object*> sequences;
  std::vector<const Object*> views;       // views and materialized views
  std::vector<const Object*> functions;   // functions, procedures and aggregates (ALTER FUNCTION skips the others)
  std::vector<const Object*> triggers;
  std::vector<const Object*> partitions;
  std::vector<const Object*> types;       // enums, domains, composites, ranges
  std::vector<const Object*> owned;       // other kinds with an owner ALTER ... OWNER TO can change
};

// How ALTER names an object of a kind that has an owner, or "" for kinds left out (a sequence
// owned by a column follows its table; wrappers and event triggers need a superuser owner).
std::string owned_target(const Catalog& catalog, const Object& object) {
  const std::string name = model::qualified_name(object.schema, object.name);
  const std::string rest = object.key.substr(object.key.find(':') + 1);
  switch (object.kind) {
    case Kind::Schema: return "SCHEMA " + model::quote_ident(object.name);
    case Kind::Type: return (object.attrs.value("type_kind", "") == "domain" ? "DOMAIN " : "TYPE ") + name;
    case Kind::Sequence: return catalog.find("seqowner:" + rest) ? "" : "SEQUENCE " + name;
    case Kind::Collation: return "COLLATION " + name;
    case Kind::Statistics: return "STATISTICS " + name;
    case Kind::TextSearchDictionary: return "TEXT SEARCH DICTIONARY " + name;
    case Kind::TextSearchConfiguration: return "TEXT SEARCH CONFIGURATION " + name;
    case Kind::Operator: return "OPERATOR " + model::quote_ident(object.schema) + "." + object.name + rest.substr(rest.find('('));
    case Kind::OperatorFamily:
    case Kind::OperatorClass:
      return std::string(object.kind == Kind::OperatorFamily ? "OPERATOR FAMILY " : "OPERATOR CLASS ") + name +
             rest.substr(rest.find(" USING "));
    case Kind::ForeignServer: return "SERVER " + model::quote_ident(object.name);
    case Kind::Publication: return "PUBLICATION " + model::quote_ident(object.name);
    default: return "";
  }
}

Pools collect(const Catalog& catalog) {
  Pools pools;
  for (const auto& [key, object] : catalog.objects) {
    switch (object.kind) {
      case Kind::Table:
        if (object.attrs.value("partition_of", nlohmann::json()).is_null()) pools.tables.push_back(&object);
        else pools.partitions.push_back(&object);
        break;
      case Kind::View:
      case Kind::MaterializedView:
        pools.views.push_back(&object);
        break;
      case Kind::Function:
        pools.functions.push_back(&object);
        break;
      case Kind::Trigger:
        pools.triggers.push_back(&object);
        break;
      case Kind::Column:
        if (!object.attrs.value("inherited", false)) pools.columns.push_back(&object);
        break;
      case Kind::Type:
        if (object.attrs.value("type_kind", "") == "enum") pools.enums.push_back(&object);
        pools.types.push_back(&object);
        break;
      case Kind::Sequence:
        pools.sequences.push_back(&object);
        break;
      case Kind::Index:
        pools.indexes.push_back(&object);
        break;
      case Kind::Constraint:
        if (object.attrs.value("type", "") == "p" &&
            object.attrs.value("definition", "").find(',') == std::string::npos) {
          pools.primary_keys.push_back(&object);
        }
        break;
      default:
        break;
    }
    if (!object.owner.empty() && !owned_target(catalog, object).empty()) pools.owned.push_back(&object);
  }
  return pools;
}

std::string table_of(const Catalog& catalog, const Object& child) {
  const auto* table = catalog.find(child.parent);
  return model::qualified_name(table->schema, table->name);
}

// "VIEW public.v" or "MATERIALIZED VIEW public.m", as ALTER takes it.
std::string view_target(const Object& view) {
  return std::string(view.kind == Kind::View ? "VIEW " : "MATERIALIZED VIEW ") + model::qualified_name(view.schema, view.name);
}

// public.f(integer, text): a function's signature, from its key.
std::string signature(const Object& function) {
  return model::qualified_name(function.schema, function.name) + function.key.substr(function.key.find('('));
}

template <typename T>
const T* pick(const std::vector<const T*>& pool, std::mt19937& random) {
  if (pool.empty()) return nullptr;
  return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random)];
}

}  // namespace

std::vector<RandomChange> random_changes(const Catalog& catalog, unsigned seed, int count) {
  const Pools pools = collect(catalog);
  std::mt19937 random(seed);
  std::vector<RandomChange> out;
  const std::string tag = "strata_rt_" + std::to_string(seed) + "_";
  const std::string moved_to = model::quote_ident(tag + "moved");
  const std::string new_schema = "CREATE SCHEMA IF NOT EXISTS " + moved_to + "; ";

  // Each generator returns "" when the catalog has nothing it can apply to.
  const std::vector<std::function<RandomChange(int)>> generators = {
      [&](int n) {  // add a nullable column
        const auto* t = pick(pools.tables, random);
        return t ? "ALTER TABLE " + model::qualified_name(t->schema, t->name) + " ADD COLUMN " + tag + "c" +
                       std::to_string(n) + " text"
                 : "";
      },
      [&](int n) {  // add a column with a default and NOT NULL
        const auto* t = pick(pools.tables, random);
        return t ? "ALTER TABLE " + model::qualified_name(t->schema, t->name) + " ADD COLUMN " + tag + "d" +
                       std::to_string(n) + " integer NOT NULL DEFAULT 42"
                 : "";
      },
      [&](int) {  // drop a column (a nullable one: S' -> S cannot re-add a NOT NULL column over rows)
        const auto* c = pick(pools.columns, random);
        if (!c || c->attrs.value("not_null", false)) return std::string();
        return "ALTER TABLE " + table_of(catalog, *c) + " DROP COLUMN " + model::quote_ident(c->name);
      },
      [&](int) {  // widen a type
        const auto* c = pick(pools.columns, random);
        if (!c) return std::string();
        const auto type = c->attrs.value("type", "");
        std::string wider;
        if (type == "smallint") wider = "integer";
        else if (type == "integer") wider = "bigint";
        else if (type.rfind("character varying(", 0) == 0) wider = "character varying(" + std::to_string(std::stoi(type.substr(18)) + 20) + ")";
        else if (type == "character varying") wider = "text";
        else if (type == "real") wider = "double precision";
        else return std::string();
        return "ALTER TABLE " + table_of(catalog, *c) + " ALTER COLUMN " + model::quote_ident(c->name) + " TYPE " + wider;
      },
      [&](int) {  // set or drop a default
        const auto* c = pick(pools.columns, random);
        if (!c) return std::string();
        const auto prefix = "ALTER TABLE " + table_of(catalog, *c) + " ALTER COLUMN " + model::quote_ident(c->name);
        if (catalog.find("default:" + c->key.substr(std::string("column:").size()))) return prefix + " DROP DEFAULT";
        const auto type = c->attrs.value("type", "");
        if (type == "text" || type.rfind("character varying", 0) == 0) return prefix + " SET DEFAULT 'strata'";
        if (type == "integer" || type == "smallint" || type == "bigint" || type == "numeric") return prefix + " SET DEFAULT 0";
        return std::string();
      },
      [&](int) {  // flip NOT NULL
        const auto* c = pick(pools.columns, random);
        if (!c || !c->attrs.value("identity", nlohmann::json()).is_null()) return std::string();
        return "ALTER TABLE " + table_of(catalog, *c) + " ALTER COLUMN " + model::quote_ident(c->name) +
               (c->attrs.value("not_null", false) ? " DROP NOT NULL" : " SET NOT NULL");
      },
      [&](int n) {  // a new index
        const auto* c = pick(pools.columns, random);
        return c ? "CREATE INDEX " + tag + "idx" + std::to_string(n) + " ON " + table_of(catalog, *c) + " (" +
                       model::quote_ident(c->name) + ")"
                 : "";
      },
      [&](int) {  // drop an index
        const auto* i = pick(pools.indexes, random);
        return i ? "DROP INDEX " + model::qualified_name(i->schema, i->name) : "";
      },
      [&](int n) {  // a new check constraint
        const auto* c = pick(pools.columns, random);
        return c ? "ALTER TABLE " + table_of(catalog, *c) + " ADD CONSTRAINT " + tag + "chk" + std::to_string(n) +
                       " CHECK (length(" + model::quote_ident(c->name) + "::text) < 100000)"
                 : "";
      },
      [&](int n) {  // a new table with a foreign key to an existing one
        const auto* pk = pick(pools.primary_keys, random);
        if (!pk) return std::string();
        const auto definition = pk->attrs.value("definition", "");  // PRIMARY KEY (col)
        const auto column = definition.substr(definition.find('(') + 1, definition.find(')') - definition.find('(') - 1);
        const auto* col = catalog.find("column:" + pk->schema + "." + catalog.find(pk->parent)->name + "." +
                                       (column.front() == '"' ? column.substr(1, column.size() - 2) : column));
        if (!col) return std::string();
        return "CREATE TABLE public." + tag + "t" + std::to_string(n) +
               " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ref " + col->attrs.value("type", "") +
               " REFERENCES " + table_of(catalog, *pk) + " (" + column + ") ON DELETE CASCADE, note text)";
      },
      [&](int n) {  // a new enum value
        const auto* e = pick(pools.enums, random);
        return e ? "ALTER TYPE " + model::qualified_name(e->schema, e->name) + " ADD VALUE '" + tag + std::to_string(n) + "'" : "";
      },
      // Owners and privileges: granted to PUBLIC and owned by a predefined role, which every
      // cluster has (a made-up role would be cluster-wide state shared by parallel tests).
      [&](int) {  // grant on a table
        const auto* t = pick(pools.tables, random);
        return t ? "GRANT SELECT, UPDATE ON " + model::qualified_name(t->schema, t->name) + " TO PUBLIC" : "";
      },
      [&](int) {  // grant on a column
        const auto* c = pick(pools.columns, random);
        return c ? "GRANT SELECT (" + model::quote_ident(c->name) + ") ON " + table_of(catalog, *c) + " TO PUBLIC" : "";
      },
      [&](int) {  // a new owner
        const auto* t = pick(pools.tables, random);
        return t ? "ALTER TABLE " + model::qualified_name(t->schema, t->name) + " OWNER TO pg_monitor" : "";
      },
      [&](int) {  // sequence options
        const auto* s = pick(pools.sequences, random);
        return s ? "ALTER SEQUENCE " + model::qualified_name(s->schema, s->name) + " INCREMENT BY 3 CACHE 2" : "";
      },
      [&](int) {  // replica identity
        const auto* t = pick(pools.tables, random);
        return t ? "ALTER TABLE " + model::qualified_name(t->schema, t->name) + " REPLICA IDENTITY FULL" : "";
      },
      [&](int) {  // a column's statistics target
        const auto* c = pick(pools.columns, random);
        return c ? "ALTER TABLE " + table_of(catalog, *c) + " ALTER COLUMN " + model::quote_ident(c->name) +
                       " SET STATISTICS 200"
                 : "";
      },
      // Views: privileges, owners, options, and a column type changed under one (PostgreSQL
      // refuses ALTER COLUMN TYPE under a view, so S' drops it, retypes, and creates it again).
      [&](int) {
        const auto* v = pick(pools.views, random);
        return v ? "GRANT SELECT ON " + model::qualified_name(v->schema, v->name) + " TO PUBLIC" : "";
      },
      [&](int) {
        const auto* v = pick(pools.views, random);
        return v ? "ALTER " + view_target(*v) + " OWNER TO pg_monitor" : "";
      },
      [&](int) {
        const auto* v = pick(pools.views, random);
        return v && v->kind == Kind::View ? "ALTER " + view_target(*v) + " SET (security_barrier = true)" : "";
      },
      [&](int) {
        const auto* v = pick(pools.views, random);
        if (!v || v->kind != Kind::View) return std::string();
        for (const auto& dependency : v->depends_on) {
          const Object* c = catalog.find(dependency);
          if (!c || c->kind != Kind::Column || c->attrs.value("type", "") != "integer") continue;
          const std::string name = model::qualified_name(v->schema, v->name);
          return "DROP VIEW " + name + "; ALTER TABLE " + table_of(catalog, *c) + " ALTER COLUMN " +
                 model::quote_ident(c->name) + " TYPE bigint; CREATE VIEW " + name + " AS " +
                 v->attrs.value("definition", "");
        }
        return std::string();
      },
      // Functions: owner, privileges, settings.
      [&](int) {
        const auto* f = pick(pools.functions, random);
        return f ? "ALTER FUNCTION " + signature(*f) + " OWNER TO pg_monitor" : "";
      },
      [&](int) {
        const auto* f = pick(pools.functions, random);
        return f ? "REVOKE EXECUTE ON FUNCTION " + signature(*f) + " FROM PUBLIC" : "";
      },
      [&](int) {
        const auto* f = pick(pools.functions, random);
        return f ? "ALTER FUNCTION " + signature(*f) + " SET work_mem = '8MB'" : "";
      },
      [&](int) {  // a trigger disabled
        const auto* t = pick(pools.triggers, random);
        return t ? "ALTER TABLE " + table_of(catalog, *t) + " DISABLE TRIGGER " + model::quote_ident(t->name) : "";
      },
      [&](int n) {  // row-level security and a policy
        const auto* t = pick(pools.tables, random);
        if (!t) return std::string();
        const std::string name = model::qualified_name(t->schema, t->name);
        return "ALTER TABLE " + name + " ENABLE ROW LEVEL SECURITY; CREATE POLICY " + tag + "p" + std::to_string(n) +
               " ON " + name + " FOR SELECT TO PUBLIC USING (true)";
      },
      [&](int) {  // a partition detached
        const auto* p = pick(pools.partitions, random);
        if (!p) return std::string();
        const Object* parent = catalog.find(p->attrs.value("partition_of", ""));
        return parent ? "ALTER TABLE " + model::qualified_name(parent->schema, parent->name) + " DETACH PARTITION " +
                            model::qualified_name(p->schema, p->name)
                      : "";
      },
      [&](int n) {  // a comment
        const auto* t = pick(pools.tables, random);
        return t ? "COMMENT ON TABLE " + model::qualified_name(t->schema, t->name) + " IS 'changed " + std::to_string(n) + "'" : "";
      },
      [&](int) {  // another kind's owner
        const auto* o = pick(pools.owned, random);
        return o ? "ALTER " + owned_target(catalog, *o) + " OWNER TO pg_monitor" : "";
      },
      // Schema moves and renames: a table moved or a type or function renamed as declared
      // (`moved-from`, `renamed-from`), a view, function or sequence moved without a declaration.
      [&](int) -> RandomChange {
        const auto* t = pick(pools.tables, random);
        if (!t) return {};
        return {new_schema + "ALTER TABLE " + model::qualified_name(t->schema, t->name) + " SET SCHEMA " + moved_to,
                {{"table:" + tag + "moved." + t->name, t->key}}};
      },
      [&](int n) -> RandomChange {
        const auto* t = pick(pools.types, random);
        if (!t) return {};
        const std::string name = tag + "type" + std::to_string(n);
        return {"ALTER TYPE " + model::qualified_name(t->schema, t->name) + " RENAME TO " + model::quote_ident(name),
                {{"type:" + t->schema + "." + name, t->key}}};
      },
      [&](int n) -> RandomChange {
        const auto* f = pick(pools.functions, random);
        if (!f) return {};
        const std::string name = tag + "fn" + std::to_string(n);
        return {"ALTER ROUTINE " + signature(*f) + " RENAME TO " + model::quote_ident(name),
                {{"function:" + f->schema + "." + name, "function:" + f->schema + "." + f->name}}};
      },
      [&](int) {
        const auto* v = pick(pools.views, random);
        return v ? new_schema + "ALTER " + view_target(*v) + " SET SCHEMA " + moved_to : "";
      },
      [&](int) {
        const auto* f = pick(pools.functions, random);
        return f ? new_schema + "ALTER ROUTINE " + signature(*f) + " SET SCHEMA " + moved_to : "";
      },
      [&](int) {
        const auto* s = pick(pools.sequences, random);
        return s ? new_schema + "ALTER SEQUENCE " + model::qualified_name(s->schema, s->name) + " SET SCHEMA " + moved_to : "";
      },
  };

  for (int n = 0; static_cast<int>(out.size()) < count && n < count * 10; ++n) {
    const auto& generator = generators[std::uniform_int_distribution<std::size_t>(0, generators.size() - 1)(random)];
    if (auto change = generator(n); !change.sql.empty()) out.push_back(std::move(change));
  }
  return out;
}

std::vector<RandomChange> apply_changes(const std::string& database, const std::vector<RandomChange>& candidates) {
  pqxx::connection conn(testing::shared_cluster().connection_string(database));
  pqxx::work tx(conn);
  std::vector<RandomChange> applied;
  for (const auto& change : candidates) {
    try {
      pqxx::subtransaction savepoint(tx);
      savepoint.exec0(change.sql);
      savepoint.commit();
      applied.push_back(change);
    } catch (const pqxx::sql_error&) {
      // PostgreSQL refused this change on this data (dependents, NULLs, ...): not part of S'.
    }
  }
  tx.commit();
  return applied;
}

}  // namespace strata::roundtrip
