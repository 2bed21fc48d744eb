// Text search dictionaries and configurations created in user schemas. Parsers and templates
// need C functions and come from extensions; user schemas refuse them (unmodelled.cpp).
#include "catalog_sql.h"
#include "readers.h"
#include "strata/error.h"

namespace strata::introspect {
namespace {

// dictinitoption as PostgreSQL writes it (`language = 'english', stopwords = 'english'`): name ->
// value as written, so that options compare one by one and ALTER can set or remove each.
nlohmann::json parsed_options(const std::string& text) {
  nlohmann::json options = nlohmann::json::object();
  std::vector<std::string> items(1);
  bool quoted = false;
  for (char c : text) {
    if (c == '\'') quoted = !quoted;
    if (c == ',' && !quoted) items.emplace_back();
    else items.back() += c;
  }
  for (const auto& item : items) {
    const auto start = item.find_first_not_of(' ');
    if (start == std::string::npos) continue;  // no options at all
    const auto equals = item.find(" = ");
    if (equals == std::string::npos) {
      // Left out, the option would be missing from every diff.
      throw Error("cannot read the text search dictionary options '" + text + "'",
                  ErrorInfo{.details = {"at '" + item + "'"}});
    }
    options[item.substr(start, equals - start)] = item.substr(equals + 3);
  }
  return options;
}

void read_dictionaries(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto dictionary = schema_object(model::Kind::TextSearchDictionary, row.text("nspname"), row.text("dictname"));
    dictionary.attrs = Attrs{{"template", row.text("template")}, {"options", parsed_options(row.text("dictinitoption"))}};
    context.add({SystemCatalog::TSDictionary, row.oid("oid")}, std::move(dictionary));
  }
}

void read_configurations(Context& context, const QueryResult& rows) {
  for (const auto& row : rows) {
    auto configuration = schema_object(model::Kind::TextSearchConfiguration, row.text("nspname"), row.text("cfgname"));
    configuration.attrs = Attrs{{"parser", row.text("parser")}, {"mappings", row.json("mappings", nlohmann::json::object())}};
    context.add({SystemCatalog::TSConfig, row.oid("oid")}, std::move(configuration));
  }
}

}  // namespace

std::vector<Reader> text_search_readers() {
  return {{"read text search dictionaries",
           "SELECT d.oid, n.nspname, d.dictname, d.dictinitoption,"
           " (SELECT format('%I.%I', tn.nspname, t.tmplname) FROM pg_ts_template t"
           "  JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE t.oid = d.dicttemplate) AS template"
           " FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace"
           " WHERE d.oid >= 16384 AND " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_ts_dict", "d.oid"),
           read_dictionaries},
          // mappings: {"asciiword": ["public.english_nostop", "pg_catalog.simple"], ...}, each
          // token type's dictionaries in the order they are tried.
          {"read text search configurations",
           "SELECT c.oid, n.nspname, c.cfgname,"
           " (SELECT format('%I.%I', pn.nspname, p.prsname) FROM pg_ts_parser p"
           "  JOIN pg_namespace pn ON pn.oid = p.prsnamespace WHERE p.oid = c.cfgparser) AS parser,"
           " (SELECT json_object_agg(m.alias, m.dictionaries) FROM ("
           "   SELECT t.alias, json_agg(format('%I.%I', dn.nspname, d.dictname) ORDER BY cm.mapseqno) AS dictionaries"
           "   FROM pg_ts_config_map cm JOIN ts_token_type(c.cfgparser) t ON t.tokid = cm.maptokentype"
           "   JOIN pg_ts_dict d ON d.oid = cm.mapdict JOIN pg_namespace dn ON dn.oid = d.dictnamespace"
           "   WHERE cm.mapcfg = c.oid GROUP BY t.alias) m) AS mappings"
           " FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace"
           " WHERE c.oid >= 16384 AND " + sql::is_user_schema("n") +
               " AND " + sql::is_not_extension_member("pg_ts_config", "c.oid"),
           read_configurations}};
}

}  // namespace strata::introspect
