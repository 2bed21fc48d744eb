// Schemas, extensions, types and sequences.
#include "introspect_test_support.h"

namespace strata::introspect::testing {
namespace {

using model::Kind;
using nlohmann::json;
using Keys = std::vector<std::string>;

using SchemaObjects = IntrospectTest;

TEST_F(SchemaObjects, SchemasAreUserSchemasOnly) {
  const auto catalog = catalog_after(R"sql(CREATE SCHEMA "Sales"; CREATE SCHEMA app;)sql");
  EXPECT_EQ(keys_of_kind(catalog, Kind::Schema), (Keys{"schema:Sales", "schema:app", "schema:public"}));
  const auto& sales = object_at(catalog, "schema:Sales");
  EXPECT_EQ(sales.name, "Sales");
  EXPECT_EQ(sales.schema, "");
  EXPECT_EQ(sales.attrs, json::object());
  EXPECT_TRUE(sales.depends_on.empty());
}

TEST_F(SchemaObjects, ExtensionIsModelledButNotWhatItCreated) {
  run_sql("CREATE EXTENSION pg_trgm; CREATE EXTENSION citext;"
          "CREATE TABLE public.users (email public.citext);");
  const auto result = introspect_database();
  const auto& catalog = result.catalog;

  const auto version = strata::testing::exec(database_.connection_string(),
                                             "SELECT extversion FROM pg_extension"
                                             " WHERE extname = 'pg_trgm'")[0][0].as<std::string>();
  const auto& trigram = object_at(catalog, "extension:pg_trgm");
  EXPECT_EQ(trigram.attrs, (json{{"schema", "public"}, {"version", version}}));
  EXPECT_EQ(trigram.depends_on, Keys{"schema:public"});
  EXPECT_EQ(keys_of_kind(catalog, Kind::Extension),
            (Keys{"extension:citext", "extension:pg_trgm", "extension:plpgsql"}));

  // No function, type or operator of either extension, and no warning about them.
  EXPECT_EQ(keys_of_kind(catalog, Kind::Function), Keys{});
  EXPECT_EQ(keys_of_kind(catalog, Kind::Type), Keys{});
  EXPECT_EQ(warning_texts(result.warnings), Keys{});

  // Using an extension's type is depending on the extension.
  const auto& email = object_at(catalog, "column:public.users.email");
  EXPECT_EQ(email.attrs["type"], "public.citext");
  EXPECT_EQ(email.depends_on, Keys{"extension:citext"});
}

TEST_F(SchemaObjects, EnumInMixedCaseSchema) {
  const auto catalog = catalog_after(R"sql(
    CREATE SCHEMA "Sales";
    CREATE TYPE "Sales"."Mood" AS ENUM ('sad', 'ok', 'happy');
    ALTER TYPE "Sales"."Mood" ADD VALUE 'meh' BEFORE 'ok';
  )sql");
  const auto& mood = object_at(catalog, "type:Sales.Mood");
  EXPECT_EQ(mood.schema, "Sales");
  EXPECT_EQ(mood.name, "Mood");
  EXPECT_EQ(mood.attrs, (json{{"type_kind", "enum"}, {"labels", {"sad", "meh", "ok", "happy"}}}));
  EXPECT_EQ(mood.depends_on, Keys{"schema:Sales"});
}

TEST_F(SchemaObjects, Domains) {
  const auto catalog = catalog_after(R"sql(
    CREATE DOMAIN public.positive_int AS int NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);
    CREATE DOMAIN public.code AS varchar(3) COLLATE "C";
    ALTER DOMAIN public.code ADD CONSTRAINT three_letters CHECK (length(VALUE) = 3) NOT VALID;
    ALTER DOMAIN public.code ADD CONSTRAINT a_upper CHECK (VALUE = upper(VALUE));
  )sql");
  EXPECT_EQ(object_at(catalog, "type:public.positive_int").attrs, (json{
      {"type_kind", "domain"}, {"base_type", "integer"}, {"not_null", true}, {"default", "1"},
      {"collation", nullptr},
      {"constraints", {{{"name", "positive"}, {"definition", "CHECK ((VALUE > 0))"}, {"validated", true}}}}}));
  EXPECT_EQ(object_at(catalog, "type:public.code").attrs, (json{
      {"type_kind", "domain"}, {"base_type", "character varying(3)"}, {"not_null", false},
      {"default", nullptr}, {"collation", "pg_catalog.\"C\""},
      {"constraints",
       {{{"name", "a_upper"}, {"definition", "CHECK (((VALUE)::text = upper((VALUE)::text)))"},
         {"validated", true}},
        {{"name", "three_letters"}, {"definition", "CHECK ((length((VALUE)::text) = 3)) NOT VALID"},
         {"validated", false}}}}}));
}

TEST_F(SchemaObjects, CompositeType) {
  const auto catalog = catalog_after(R"sql(
    CREATE TYPE public.address AS (street text, zip varchar(10), city text COLLATE "C", tags text[]);
    CREATE TABLE public.customers (home public.address);
  )sql");
  EXPECT_EQ(object_at(catalog, "type:public.address").attrs, (json{
      {"type_kind", "composite"},
      {"attributes", {{{"name", "street"}, {"type", "text"}, {"collation", nullptr}},
                      {{"name", "zip"}, {"type", "character varying(10)"}, {"collation", nullptr}},
                      {{"name", "city"}, {"type", "text"}, {"collation", "pg_catalog.\"C\""}},
                      {{"name", "tags"}, {"type", "text[]"}, {"collation", nullptr}}}}}));
  EXPECT_EQ(object_at(catalog, "column:public.customers.home").depends_on,
            Keys{"type:public.address"});
}

TEST_F(SchemaObjects, RangeTypesWithoutTheirConstructors) {
  run_sql(R"sql(
    CREATE SCHEMA "Sales";
    CREATE TYPE public.float_range AS RANGE (subtype = float8, subtype_diff = float8mi);
    CREATE TYPE public.text_range AS RANGE (subtype = text, collation = "C",
                                            multirange_type_name = "Sales".text_ranges);
    CREATE TABLE public.bookings (slot public.float_range DEFAULT public.float_range(0, 1),
                                  free public.float_multirange);
  )sql");
  const auto result = introspect_database();
  const auto& catalog = result.catalog;
  EXPECT_EQ(object_at(catalog, "type:public.float_range").attrs, (json{
      {"type_kind", "range"}, {"subtype", "double precision"}, {"subtype_opclass", nullptr},
      {"collation", nullptr}, {"canonical", nullptr}, {"subtype_diff", "float8mi"},
      {"multirange_name", "public.float_multirange"}}));
  EXPECT_EQ(object_at(catalog, "type:public.text_range").attrs, (json{
      {"type_kind", "range"}, {"subtype", "text"}, {"subtype_opclass", nullptr},
      {"collation", "pg_catalog.\"C\""}, {"canonical", nullptr}, {"subtype_diff", nullptr},
      {"multirange_name", "\"Sales\".text_ranges"}}));
  // The constructor functions and multirange casts come with the type.
  EXPECT_EQ(keys_of_kind(catalog, Kind::Function), Keys{});
  EXPECT_EQ(warning_texts(result.warnings), Keys{});
  // Columns of the multirange type and calls to a constructor depend on the range type.
  EXPECT_EQ(object_at(catalog, "column:public.bookings.free").depends_on,
            Keys{"type:public.float_range"});
  EXPECT_EQ(object_at(catalog, "default:public.bookings.slot").depends_on,
            (Keys{"column:public.bookings.slot", "type:public.float_range"}));
}

TEST_F(SchemaObjects, Sequences) {
  const auto catalog = catalog_after(R"sql(
    CREATE SEQUENCE public.counter AS integer INCREMENT BY 5 MINVALUE 10 MAXVALUE 1000 START WITH 20
      CACHE 3 CYCLE;
    CREATE SEQUENCE public.plain;
  )sql");
  const auto& counter = object_at(catalog, "sequence:public.counter");
  EXPECT_EQ(counter.attrs, (json{{"data_type", "integer"}, {"start", "20"}, {"increment", "5"},
                                 {"min", "10"}, {"max", "1000"}, {"cache", "3"}, {"cycle", true}, {"unlogged", false}}));
  EXPECT_EQ(counter.depends_on, Keys{"schema:public"});
  EXPECT_EQ(object_at(catalog, "sequence:public.plain").attrs,
            (json{{"data_type", "bigint"}, {"start", "1"}, {"increment", "1"}, {"min", "1"},
                  {"max", "9223372036854775807"}, {"cache", "1"}, {"cycle", false}, {"unlogged", false}}));
}

TEST_F(SchemaObjects, SequenceOwnedByIsItsOwnObject) {
  const auto catalog = catalog_after(R"sql(
    CREATE TABLE public.tickets (id serial, code int);
    CREATE SEQUENCE public.codes OWNED BY public.tickets.code;
  )sql");
  const auto& owner = object_at(catalog, "seqowner:public.codes");
  EXPECT_EQ(owner.kind, Kind::SequenceOwner);
  EXPECT_EQ(owner.parent, "sequence:public.codes");
  EXPECT_EQ(owner.attrs, (json{{"table", "table:public.tickets"}, {"column", "code"}}));
  EXPECT_EQ(owner.depends_on,
            (Keys{"column:public.tickets.code", "sequence:public.codes"}));
  // The sequence itself does not depend on the column: it must exist before the table whose
  // default uses it.
  EXPECT_EQ(object_at(catalog, "sequence:public.codes").depends_on,
            Keys{"schema:public"});
  // serial is a sequence, a default and an owner.
  EXPECT_EQ(object_at(catalog, "sequence:public.tickets_id_seq").attrs["data_type"], "integer");
  EXPECT_EQ(object_at(catalog, "default:public.tickets.id").depends_on,
            (Keys{"column:public.tickets.id", "sequence:public.tickets_id_seq"}));
  EXPECT_EQ(object_at(catalog, "seqowner:public.tickets_id_seq").attrs,
            (json{{"table", "table:public.tickets"}, {"column", "id"}}));
}

}  // namespace
}  // namespace strata::introspect::testing
