// Views, materialized views and everything in pg_proc.
#include "introspect_test_support.h"

namespace strata::introspect::testing {
namespace {

using model::Kind;
using nlohmann::json;
using Keys = std::vector<std::string>;

using ViewsAndFunctions = IntrospectTest;

constexpr const char* kAccounts = R"sql(
  CREATE TABLE public.accounts (id int PRIMARY KEY, owner text, balance numeric);
)sql";

TEST_F(ViewsAndFunctions, ViewOnAView) {
  const auto catalog = catalog_after(std::string(kAccounts) + R"sql(
    CREATE VIEW public.rich AS SELECT id, owner FROM public.accounts WHERE balance > 1000;
    CREATE VIEW public.rich_owners WITH (security_barrier = true) AS
      SELECT owner FROM public.rich WITH CASCADED CHECK OPTION;
  )sql");
  const auto& rich = object_at(catalog, "view:public.rich");
  EXPECT_EQ(rich.kind, Kind::View);
  EXPECT_EQ(rich.attrs, (json{
      {"definition", " SELECT accounts.id,\n    accounts.owner\n   FROM public.accounts\n"
                     "  WHERE accounts.balance > 1000::numeric;"},
      {"columns", {{{"name", "id"}, {"type", "integer"}}, {{"name", "owner"}, {"type", "text"}}}},
      {"options", json::array()}, {"check_option", nullptr}, {"column_defaults", nullptr}}));
  // What the view's query uses, column by column.
  EXPECT_EQ(rich.depends_on, (Keys{"column:public.accounts.balance", "column:public.accounts.id",
                                   "column:public.accounts.owner", "schema:public"}));

  const auto& owners = object_at(catalog, "view:public.rich_owners");
  EXPECT_EQ(owners.attrs, (json{{"definition", " SELECT rich.owner\n   FROM public.rich;"},
                                {"columns", {{{"name", "owner"}, {"type", "text"}}}},
                                {"options", {"security_barrier=true"}},
                                {"check_option", "cascaded"}, {"column_defaults", nullptr}}));
  EXPECT_EQ(owners.depends_on, (Keys{"schema:public", "view:public.rich"}));
}

TEST_F(ViewsAndFunctions, MaterializedViewAndItsIndex) {
  const auto catalog = catalog_after(std::string(kAccounts) + R"sql(
    CREATE MATERIALIZED VIEW public.totals WITH (fillfactor = 50) AS
      SELECT owner, sum(balance) AS total FROM public.accounts GROUP BY owner WITH NO DATA;
    CREATE INDEX totals_owner ON public.totals (owner);
  )sql");
  const auto& totals = object_at(catalog, "matview:public.totals");
  EXPECT_EQ(totals.kind, Kind::MaterializedView);
  EXPECT_EQ(totals.attrs, (json{
      {"definition", " SELECT accounts.owner,\n    sum(accounts.balance) AS total\n"
                     "   FROM public.accounts\n  GROUP BY accounts.owner;"},
      {"columns", {{{"name", "owner"}, {"type", "text"}}, {{"name", "total"}, {"type", "numeric"}}}},
      {"options", {"fillfactor=50"}}, {"with_data", false}}));
  EXPECT_EQ(totals.depends_on, (Keys{"column:public.accounts.balance", "column:public.accounts.owner",
                                     "schema:public"}));
  const auto& index = object_at(catalog, "index:public.totals_owner");
  EXPECT_EQ(index.parent, "matview:public.totals");
  EXPECT_EQ(index.attrs["definition"], "CREATE INDEX totals_owner ON public.totals USING btree (owner)");
}

TEST_F(ViewsAndFunctions, SqlAndPlpgsqlFunctions) {
  const auto catalog = catalog_after(R"sql(
    CREATE FUNCTION public.add(a integer, b integer DEFAULT 1, OUT total integer)
      LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;
    CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RETURN NEW; END $$;
  )sql");
  // Keyed by the input argument types only.
  const auto& add = object_at(catalog, "function:public.add(integer, integer)");
  EXPECT_EQ(add.kind, Kind::Function);
  EXPECT_EQ(add.name, "add");
  EXPECT_EQ(add.attrs, (json{
      {"function_kind", "function"},
      {"arguments", "a integer, b integer DEFAULT 1, OUT total integer"},
      {"result", "integer"},
      {"definition", "CREATE OR REPLACE FUNCTION public.add(a integer, b integer DEFAULT 1, OUT "
                     "total integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$ "
                     "SELECT a + b $function$\n"}}));
  EXPECT_EQ(add.depends_on, Keys{"schema:public"});
  // plpgsql is an extension: functions in it depend on it.
  EXPECT_EQ(object_at(catalog, "function:public.touch()").depends_on,
            (Keys{"extension:plpgsql", "schema:public"}));
}

TEST_F(ViewsAndFunctions, Procedure) {
  const auto catalog = catalog_after(R"sql(
    CREATE PROCEDURE public.reset(INOUT n integer) LANGUAGE sql BEGIN ATOMIC SELECT 0; END;
  )sql");
  EXPECT_EQ(object_at(catalog, "function:public.reset(integer)").attrs, (json{
      {"function_kind", "procedure"},
      {"arguments", "INOUT n integer"},
      {"result", nullptr},
      {"definition", "CREATE OR REPLACE PROCEDURE public.reset(INOUT n integer)\n LANGUAGE sql\n"
                     "BEGIN ATOMIC\n SELECT 0;\nEND\n"}}));
}

TEST_F(ViewsAndFunctions, AggregatesAsPgDumpWritesThem) {
  const auto catalog = catalog_after(R"sql(
    CREATE FUNCTION public.concat_step(text, text) RETURNS text LANGUAGE sql IMMUTABLE
      AS $$ SELECT $1 || $2 $$;
    CREATE AGGREGATE public.concat_all(text) (SFUNC = public.concat_step, STYPE = text, INITCOND = '');
    CREATE AGGREGATE public.max_int(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >,
      PARALLEL = SAFE, COMBINEFUNC = int4larger);
  )sql");
  const auto& concat_all = object_at(catalog, "function:public.concat_all(text)");
  EXPECT_EQ(concat_all.attrs, (json{
      {"function_kind", "aggregate"}, {"arguments", "text"}, {"result", "text"},
      {"definition", "CREATE OR REPLACE AGGREGATE public.concat_all(text) (\n"
                     "    SFUNC = public.concat_step,\n    STYPE = text,\n    INITCOND = ''\n)\n"}}));
  EXPECT_EQ(concat_all.depends_on, (Keys{"function:public.concat_step(text, text)", "schema:public"}));
  EXPECT_EQ(object_at(catalog, "function:public.max_int(integer)").attrs["definition"],
            "CREATE OR REPLACE AGGREGATE public.max_int(integer) (\n    SFUNC = int4larger,\n"
            "    STYPE = integer,\n    COMBINEFUNC = int4larger,\n"
            "    SORTOP = OPERATOR(pg_catalog.>),\n    PARALLEL = SAFE\n)\n");

  // The definitions are runnable and make the same aggregates again.
  std::string recreate = "DROP AGGREGATE public.concat_all(text); DROP AGGREGATE public.max_int(integer);";
  for (const char* key : {"function:public.concat_all(text)", "function:public.max_int(integer)"}) {
    recreate += object_at(catalog, key).attrs["definition"].get<std::string>() + ";";
  }
  EXPECT_EQ(catalog_after(recreate).to_json(), catalog.to_json());
}

TEST_F(ViewsAndFunctions, OrderedSetAggregate) {
  const auto catalog = catalog_after(R"sql(
    CREATE FUNCTION public.pick_final(internal, double precision, anyelement)
      RETURNS anyelement LANGUAGE internal IMMUTABLE AS 'percentile_disc_final';
    CREATE AGGREGATE public.pick(double precision ORDER BY anyelement) (
      SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = public.pick_final,
      FINALFUNC_EXTRA);
  )sql");
  EXPECT_EQ(object_at(catalog, "function:public.pick(double precision, anyelement)").attrs["definition"],
            "CREATE OR REPLACE AGGREGATE public.pick(double precision ORDER BY anyelement) (\n"
            "    SFUNC = ordered_set_transition,\n    STYPE = internal,\n"
            "    FINALFUNC = public.pick_final,\n    FINALFUNC_EXTRA\n)\n");
}

}  // namespace
}  // namespace strata::introspect::testing
