// Queries -> their types and nullability, as PostgreSQL describes them: each query is prepared
// (unnamed) on the migrated database and described; nothing here infers a type itself.
#include <libpq-fe.h>

#include <algorithm>

#include "nullability.h"
#include "strata/pg.h"
#include "strata/queries.h"

namespace strata::queries {
namespace {

using detail::CatalogFacts;
using detail::FieldOrigin;

// The byte offset in the statement as written that a byte of the text sent comes from.
std::size_t origin_of(const Query& query, std::size_t offset) {
  const auto after = std::upper_bound(query.origins.begin(), query.origins.end(), offset,
                                      [](std::size_t value, const auto& pair) { return value < pair.first; });
  if (after == query.origins.begin()) return 0;
  const auto& [sent, written] = *std::prev(after);
  return std::min(written + (offset - sent), query.statement.sql.size());
}

struct Description {
  std::vector<unsigned> parameter_types;
  struct Field {
    std::string name;
    unsigned type = 0;
    int modifier = -1;
    FieldOrigin origin;
  };
  std::vector<Field> fields;
};

Description prepare_and_describe(PGconn* conn, const QueryFile& file, const Query& query) {
  pg::Result prepared(PQprepare(conn, "", query.sql.c_str(), 0, nullptr));
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
    throw sql::error_from_result(file.source, query.statement, prepared.get(), query.sql,
                                 [&](std::size_t offset) { return origin_of(query, offset); });
  }
  pg::Result described(PQdescribePrepared(conn, ""));
  if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
    throw sql::error_from_result(file.source, query.statement, described.get());
  }
  Description out;
  for (int i = 0; i < PQnparams(described.get()); ++i) out.parameter_types.push_back(PQparamtype(described.get(), i));
  for (int i = 0; i < PQnfields(described.get()); ++i) {
    out.fields.push_back({PQfname(described.get(), i), PQftype(described.get(), i), PQfmod(described.get(), i),
                          FieldOrigin{PQftable(described.get(), i), PQftablecol(described.get(), i)}});
  }
  return out;
}

// The type names (format_type) and the NOT NULL facts a query's description needs.
// `type_session`'s search_path is pg_catalog alone: type names come out as the catalog
// model spells them (a type outside pg_catalog schema-qualified), while `session` resolves
// relation names as the query does.
CatalogFacts look_up(const pg::Session& session, const pg::Session& type_session, const Description& description,
                     const detail::Nullability& analysis, std::vector<std::string>& parameter_types,
                     std::vector<std::string>& field_types) {
  std::string values;
  int number = 0;
  const auto add_type = [&](unsigned type, int modifier) {
    values += (values.empty() ? "(" : ", (") + std::to_string(++number) + ", " + std::to_string(type) + "::oid, " +
              std::to_string(modifier) + ")";
  };
  for (const auto type : description.parameter_types) add_type(type, -1);
  for (const auto& field : description.fields) add_type(field.type, field.modifier);
  if (values.empty()) add_type(0, -1);
  const auto type_rows = type_session.query("SELECT n, format_type(t, m) FROM (VALUES " + values + ") AS types(n, t, m)",
                                            "cannot look up the query's types");
  // Columns of the relations the query names, and of the tables its result columns come from.
  std::string sql = "SELECT 'none', '', NULL::oid, NULL::int, NULL::text, NULL::bool";
  for (const auto& name : analysis.relation_names()) {
    sql += " UNION ALL SELECT 'relation', " + pg::literal(name) +
           ", a.attrelid, a.attnum::int, a.attname::text, a.attnotnull FROM pg_attribute a WHERE a.attrelid = "
           "to_regclass(" + pg::literal(name) + ") AND a.attnum > 0 AND NOT a.attisdropped";
  }
  for (const auto& field : description.fields) {
    if (field.origin.table == 0) continue;
    sql += " UNION ALL SELECT 'origin', '', a.attrelid, a.attnum::int, a.attname::text, a.attnotnull FROM pg_attribute a "
           "WHERE a.attrelid = " + std::to_string(field.origin.table) + " AND a.attnum = " + std::to_string(field.origin.column);
  }
  CatalogFacts facts;
  std::vector<std::string> types(description.parameter_types.size() + description.fields.size() + 1);
  for (const auto& row : type_rows) types.at(std::stoul(row[0]) - 1) = row[1];
  for (const auto& row : session.query(sql, "cannot look up the query's columns")) {
    const bool flag = row[5] == "t";
    if (row[0] != "none") {
      const auto oid = static_cast<unsigned>(std::stoul(row[2]));
      facts.not_null_by_origin[{oid, std::stoi(row[3])}] = flag;
      if (row[0] == "relation") {
        auto& relation = facts.relations[row[1]];
        relation.oid = oid;
        relation.not_null_by_name[row[4]] = flag;
      }
    }
  }
  const auto parameters = static_cast<long>(description.parameter_types.size());
  parameter_types.assign(types.begin(), types.begin() + parameters);
  field_types.assign(types.begin() + parameters, types.begin() + parameters + static_cast<long>(description.fields.size()));
  return facts;
}

}  // namespace

void describe(const std::string& connection, std::vector<QueryFile>& files) {
  const pg::Session session(connection, "strata codegen");
  const pg::Session types(connection, "strata codegen");
  types.exec("SET search_path TO pg_catalog", "cannot look up the queries' types");
  for (auto& file : files) {
    for (auto& query : file.queries) {
      const auto description = prepare_and_describe(session.get(), file, query);
      const detail::Nullability analysis(query.sql);
      std::vector<std::string> parameter_types, field_types;
      const auto facts = look_up(session, types, description, analysis, parameter_types, field_types);
      if (parameter_types.size() != query.parameters.size()) {
        // $1 and $3 without $2: PostgreSQL numbers what is there.
        throw sql::SqlError(query.location, "query " + query.name + " uses " + std::to_string(parameter_types.size()) +
                                                " parameters but numbers them up to $" +
                                                std::to_string(query.parameters.size()));
      }
      for (std::size_t i = 0; i < parameter_types.size(); ++i) query.parameters[i].sql_type = parameter_types[i];

      const bool returns_rows = query.kind == ResultKind::one || query.kind == ResultKind::many;
      if (returns_rows && description.fields.empty()) {
        throw sql::SqlError(query.location, "query " + query.name + " is " + to_string(query.kind) + " but returns no columns",
                            {}, {}, {}, "use :exec or :execrows for a statement without a result");
      }
      if (!returns_rows) continue;
      std::vector<FieldOrigin> origins;
      for (const auto& field : description.fields) origins.push_back(field.origin);
      const auto not_null = analysis.not_null(origins, facts);
      for (std::size_t i = 0; i < description.fields.size(); ++i) {
        query.columns.push_back(Column{description.fields[i].name, field_types[i], not_null[i], false});
      }
      for (const auto& hint : query.not_null_hints) {
        const auto column = std::find_if(query.columns.begin(), query.columns.end(),
                                         [&](const Column& c) { return c.name == hint; });
        if (column == query.columns.end()) {
          throw sql::SqlError(query.location, "query " + query.name + ": strata:not-null names " + hint +
                                                  ", which is not one of its result columns");
        }
        for (auto& same : query.columns) {
          if (same.name == hint && !same.not_null) same.not_null = same.hinted = true;
        }
      }
    }
  }
}

}  // namespace strata::queries
