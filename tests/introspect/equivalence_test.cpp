// The same schema written two ways introspects to the same catalog: the model holds what the
// schema is, not how it was written.
#include "introspect_test_support.h"

namespace strata::introspect::testing {
namespace {

// Loads each script into a database of its own and returns the two catalogs as JSON.
std::pair<nlohmann::json, nlohmann::json> catalogs_of(const std::string& first,
                                                      const std::string& second) {
  std::vector<nlohmann::json> catalogs;
  for (const auto* script : {&first, &second}) {
    strata::testing::ScratchDb database("introspect");
    strata::testing::exec(database.connection_string(), *script);
    catalogs.push_back(introspect(database.connection()).catalog.to_json());
  }
  return {catalogs[0], catalogs[1]};
}

TEST(Equivalence, SerialIsASequenceADefaultAndAnOwner) {
  const auto [serial, spelled_out] = catalogs_of(
      "CREATE TABLE public.tickets (id serial PRIMARY KEY, code int);",
      R"sql(
        CREATE SEQUENCE public.tickets_id_seq AS integer;
        CREATE TABLE public.tickets (
          id integer NOT NULL DEFAULT nextval('tickets_id_seq'),
          code int,
          CONSTRAINT tickets_pkey PRIMARY KEY (id));
        ALTER SEQUENCE public.tickets_id_seq OWNED BY public.tickets.id;
      )sql");
  EXPECT_EQ(serial, spelled_out);
}

TEST(Equivalence, TypeSpellingsAndConstraintPlacement) {
  const auto [short_names, long_names] = catalogs_of(
      R"sql(
        CREATE TABLE public.people (
          id int PRIMARY KEY,
          name varchar(20) CHECK (name <> ''),
          born timestamptz,
          active bool DEFAULT true,
          score float8,
          parent_id int REFERENCES public.people);
        CREATE INDEX ON public.people (born);
      )sql",
      R"sql(
        CREATE TABLE public.people (
          id integer,
          name character varying(20),
          born timestamp with time zone,
          active boolean,
          score double precision,
          parent_id integer);
        ALTER TABLE public.people ADD CONSTRAINT people_pkey PRIMARY KEY (id);
        ALTER TABLE public.people ADD CONSTRAINT people_name_check CHECK (name::text <> ''::text);
        ALTER TABLE public.people ADD CONSTRAINT people_parent_id_fkey
          FOREIGN KEY (parent_id) REFERENCES public.people (id);
        ALTER TABLE public.people ALTER COLUMN active SET DEFAULT true;
        CREATE INDEX people_born_idx ON public.people USING btree (born);
      )sql");
  EXPECT_EQ(short_names, long_names);
}

TEST(Equivalence, UnqualifiedNamesResolvedThroughTheSearchPath) {
  const auto [unqualified, qualified] = catalogs_of(
      R"sql(
        CREATE SCHEMA app;
        SET search_path = app;
        CREATE TYPE mood AS ENUM ('ok', 'sad');
        CREATE TABLE people (id int PRIMARY KEY, feeling mood DEFAULT 'ok');
        CREATE FUNCTION happy(p people) RETURNS boolean LANGUAGE sql
          RETURN p.feeling = 'ok';
        CREATE VIEW happy_people AS SELECT * FROM people p WHERE happy(p);
      )sql",
      R"sql(
        CREATE SCHEMA app;
        CREATE TYPE app.mood AS ENUM ('ok', 'sad');
        CREATE TABLE app.people (id integer PRIMARY KEY, feeling app.mood DEFAULT 'ok'::app.mood);
        CREATE FUNCTION app.happy(p app.people) RETURNS boolean LANGUAGE sql
          RETURN p.feeling = 'ok'::app.mood;
        CREATE VIEW app.happy_people AS SELECT p.id, p.feeling FROM app.people AS p WHERE app.happy(p);
      )sql");
  EXPECT_EQ(unqualified, qualified);
}

TEST(Equivalence, CallersSessionSettingsDoNotMatter) {
  strata::testing::ScratchDb database("introspect");
  strata::testing::exec(database.connection_string(), R"sql(
    CREATE SCHEMA app;
    CREATE TABLE app.events (
      at timestamptz DEFAULT '2024-06-01 12:00:00+02',
      span interval DEFAULT '1 day 2 hours',
      ratio float8 DEFAULT 0.1);
    CREATE VIEW app.recent AS SELECT * FROM app.events WHERE at > '2024-01-01 00:00:00+00';
  )sql");
  const auto plain = introspect(database.connection()).catalog.to_json();

  pqxx::connection customised(database.connection_string());
  pqxx::nontransaction(customised).exec(
      "SET TimeZone = 'America/New_York'; SET DateStyle = 'SQL, DMY';"
      " SET IntervalStyle = 'sql_standard'; SET extra_float_digits = 0;"
      " SET search_path = app, public");
  EXPECT_EQ(introspect(customised).catalog.to_json(), plain);
  EXPECT_EQ(plain["default:app.events.at"]["attrs"]["expr"],
            "'2024-06-01 10:00:00+00'::timestamp with time zone");
}

}  // namespace
}  // namespace strata::introspect::testing
