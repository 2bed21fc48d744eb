// The catalog walk: every kind of object PostgreSQL has is either modelled or refused, never left
// out. The walk asks the server which catalogs hold objects (every catalog with an oid column),
// so a catalog a new PostgreSQL version adds fails here until it is decided; then one object of
// each kind is created and must be in the model, or introspection must refuse the database.
#include <map>
#include <set>

#include "introspect_test_support.h"
#include "strata/error.h"
#include "test_cluster.h"

namespace strata::introspect::testing {
namespace {

// What strata does with the objects of each catalog.
const std::map<std::string, std::string> kCatalogs = {
    // Modelled (docs/model.md).
    {"pg_namespace", "modelled"}, {"pg_extension", "modelled"}, {"pg_type", "modelled (base and shell types refused)"},
    {"pg_class", "modelled"}, {"pg_attrdef", "modelled"}, {"pg_constraint", "modelled"},
    {"pg_proc", "modelled"}, {"pg_trigger", "modelled"}, {"pg_rewrite", "modelled"}, {"pg_policy", "modelled"},
    {"pg_default_acl", "modelled"}, {"pg_enum", "part of an enum type"}, {"pg_collation", "modelled"},
    {"pg_statistic_ext", "modelled"}, {"pg_event_trigger", "modelled"}, {"pg_publication", "modelled"},
    {"pg_ts_config", "modelled"}, {"pg_ts_dict", "modelled"},
    {"pg_publication_rel", "part of a publication"}, {"pg_publication_namespace", "part of a publication"},
    // Refused by introspection (and declared schemas refuse their statements).
    {"pg_cast", "modelled"}, {"pg_operator", "modelled (shell operators refused)"},
    {"pg_foreign_data_wrapper", "modelled"}, {"pg_foreign_server", "modelled"},
    {"pg_conversion", "refused"}, {"pg_language", "modelled"},
    {"pg_opclass", "modelled"}, {"pg_opfamily", "modelled"}, {"pg_transform", "refused"},
    {"pg_ts_parser", "refused"}, {"pg_ts_template", "refused"}, {"pg_am", "refused"}, {"pg_subscription", "refused"},
    {"pg_amop", "part of an operator class or family"}, {"pg_amproc", "part of an operator class or family"},
    {"pg_user_mapping", "refused: holds another server's credentials"},
    // Not objects of a database's schema.
    {"pg_authid", "roles: cluster-wide, named by owners and privileges"}, {"pg_database", "cluster-wide"},
    {"pg_tablespace", "cluster-wide"}, {"pg_parameter_acl", "cluster-wide"},
    {"pg_largeobject_metadata", "large objects are data, not schema"},
};

class KindsCoverage : public IntrospectTest {};

TEST_F(KindsCoverage, EveryCatalogThatHoldsObjectsIsDecided) {
  const auto rows = strata::testing::exec(database_.connection_string(),
                                          "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                                          " WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r'"
                                          " AND a.attname = 'oid' ORDER BY 1");
  std::set<std::string> on_server;
  for (const auto& row : rows) on_server.insert(row[0].as<std::string>());
  for (const auto& name : on_server) {
    EXPECT_TRUE(kCatalogs.count(name)) << name << " holds objects strata has not decided about: model or refuse them";
  }
  for (const auto& [name, status] : kCatalogs) EXPECT_TRUE(on_server.count(name)) << name << " is gone from the server";
}

// One object of every relkind PostgreSQL 15 has (r p v m S i I c f; t is a table's TOAST part).
TEST_F(KindsCoverage, EveryRelationKindIsModelledOrRefused) {
  const auto catalog = catalog_after(
      "CREATE TABLE r (id int PRIMARY KEY, v text);"
      "CREATE TABLE p (id int, v text) PARTITION BY RANGE (id);"
      "CREATE INDEX p_id ON p (id);"
      "CREATE VIEW v AS SELECT id FROM r;"
      "CREATE MATERIALIZED VIEW m AS SELECT id FROM r;"
      "CREATE SEQUENCE s;"
      "CREATE INDEX r_v ON r (v);"
      "CREATE TYPE c AS (a int);");
  for (const auto* key : {"table:public.r", "table:public.p", "index:public.p_id", "view:public.v", "matview:public.m",
                          "sequence:public.s", "index:public.r_v", "type:public.c"}) {
    EXPECT_NE(catalog.find(key), nullptr) << key;
  }
  const auto kinds = strata::testing::exec(database_.connection_string(), "SELECT DISTINCT relkind::text FROM pg_class");
  for (const auto& row : kinds) {
    EXPECT_NE(std::string("rpvmSiIcft").find(row[0].as<std::string>()), std::string::npos)
        << "relkind " << row[0].as<std::string>() << " is new: model or refuse it";
  }
}

// Each refused kind: introspection refuses a database that has one (declared schemas refuse the
// statement at its line: tests/load/refused_statements_test.cpp).
TEST(KindsRefused, EachRefusedKindIsRefusedByIntrospection) {
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"conversion", "CREATE CONVERSION myconv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8"},
      {"user mapping", "CREATE FOREIGN DATA WRAPPER fdw; CREATE SERVER srv FOREIGN DATA WRAPPER fdw;"
                       " CREATE USER MAPPING FOR CURRENT_USER SERVER srv"},
      {"shell operator", "CREATE FUNCTION eq3(int, int) RETURNS boolean LANGUAGE sql AS 'SELECT $1 = $2';"
                         " CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = eq3, NEGATOR = !==)"},
      {"shell type", "CREATE TYPE not_yet"},
      {"access method", "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler"},
      // Members added to a family the model leaves out: PostgreSQL's own, or an extension's.
      {"member of a built-in family",
       "CREATE FUNCTION cmp_int_num(integer, numeric) RETURNS integer LANGUAGE sql AS 'SELECT 0';"
       " ALTER OPERATOR FAMILY integer_ops USING btree ADD FUNCTION 1 (integer, numeric) cmp_int_num(integer, numeric)"},
      {"member of an extension's family",
       "CREATE EXTENSION btree_gist; CREATE FUNCTION dist_int(integer, integer) RETURNS integer LANGUAGE sql"
       " AS 'SELECT abs($1 - $2)'; CREATE OPERATOR <~> (LEFTARG = integer, RIGHTARG = integer, FUNCTION = dist_int);"
       " ALTER OPERATOR FAMILY gist_int4_ops USING gist ADD OPERATOR 20 <~> (integer, integer) FOR ORDER BY integer_ops"},
  };
  for (const auto& [kind, sql] : kinds) {
    strata::testing::ScratchDb database("refused");
    strata::testing::exec(database.connection_string(), sql);
    try {
      introspect(database.connection_string());
      ADD_FAILURE() << kind << ": introspection did not refuse it";
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find("strata does not model"), std::string::npos) << kind << ": " << error.what();
    }
  }
}

}  // namespace
}  // namespace strata::introspect::testing
