// Real-world schemas (shared/corpus): each loads, introspects without error to what the file
// declares, introspects the same twice, and quickly.
#include <chrono>
#include <iostream>

#include "introspect_test_support.h"

namespace strata::introspect::testing {
namespace {

using model::Kind;

class Corpus : public IntrospectTest {
 protected:
  // Loads the corpus file `name`.sql, introspects it twice, checks both catalogs are the same
  // and prints how long one introspection takes.
  model::Catalog load_and_introspect(const std::string& name) {
    load_file(std::filesystem::path(STRATA_CORPUS_DIR) / (name + ".sql"));
    return introspect_twice(name);
  }

  model::Catalog introspect_twice(const std::string& name) {
    const auto started = std::chrono::steady_clock::now();
    Result first = introspect_database();
    const auto took = std::chrono::steady_clock::now() - started;
    std::cout << "[ TIMING   ] introspecting " << name << " (" << first.catalog.objects.size()
              << " objects) took "
              << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
    EXPECT_EQ(warning_texts(first.warnings), std::vector<std::string>{});
    EXPECT_EQ(dangling_references(first.catalog), std::vector<std::string>{});

    pqxx::connection second_connection(database_.connection_string());
    EXPECT_EQ(introspect(second_connection).catalog.to_json(), first.catalog.to_json());
    return std::move(first.catalog);
  }

  static std::size_t count(const model::Catalog& catalog, Kind kind) {
    return keys_of_kind(catalog, kind).size();
  }

  template <typename Predicate>
  static std::size_t count(const model::Catalog& catalog, Kind kind, Predicate predicate) {
    std::size_t matching = 0;
    for (const auto& [key, object] : catalog.objects) {
      if (object.kind == kind && predicate(object)) ++matching;
    }
    return matching;
  }
};

// The counts below are those of the CREATE / ALTER statements in each file.

TEST_F(Corpus, Pagila) {
  // pg_dump output: ownership goes to a role named postgres.
  run_sql("DO $$ BEGIN CREATE ROLE postgres; EXCEPTION WHEN duplicate_object THEN NULL; END $$;");
  const auto catalog = load_and_introspect("pagila");

  EXPECT_EQ(count(catalog, Kind::Table), 70u);
  EXPECT_EQ(count(catalog, Kind::Table, [](const model::Object& table) {
              return table.attrs["partition_of"] == "table:public.payment";
            }),
            55u);
  EXPECT_EQ(object_at(catalog, "table:public.payment").attrs["partition_key"], "RANGE (payment_date)");
  EXPECT_EQ(count(catalog, Kind::View), 7u);
  EXPECT_EQ(count(catalog, Kind::MaterializedView), 1u);
  EXPECT_EQ(count(catalog, Kind::Function), 10u);  // 9 functions and 1 aggregate
  EXPECT_EQ(object_at(catalog, "function:public.group_concat(text)").attrs["function_kind"], "aggregate");
  EXPECT_EQ(count(catalog, Kind::Trigger), 15u);
  EXPECT_EQ(count(catalog, Kind::Sequence), 13u);
  EXPECT_EQ(count(catalog, Kind::Type), 3u);  // the enum and 2 domains
  // 37 CREATE INDEX, plus the one index per partition that the index on payment made.
  EXPECT_EQ(count(catalog, Kind::Index), 37u + 55u);
  // 15 primary keys (one on payment, which its 55 partitions got too) and 36 foreign keys.
  EXPECT_EQ(count(catalog, Kind::Constraint), 15u + 55u + 36u);
  EXPECT_EQ(object_at(catalog, "column:public.film.length_hours").attrs["generated"],
            "round(((length)::numeric / 60.0), 2)");
}

TEST_F(Corpus, Northwind) {
  const auto catalog = load_and_introspect("northwind");
  EXPECT_EQ(count(catalog, Kind::Table), 14u);
  EXPECT_EQ(count(catalog, Kind::Constraint, [](const model::Object& c) { return c.attrs["type"] == "p"; }),
            14u);
  EXPECT_EQ(count(catalog, Kind::Constraint, [](const model::Object& c) { return c.attrs["type"] == "f"; }),
            13u);
  EXPECT_EQ(count(catalog, Kind::Index), 0u);
}

TEST_F(Corpus, OpenStreetMap) {
  const auto catalog = load_and_introspect("openstreetmap");
  EXPECT_EQ(count(catalog, Kind::Table), 57u);
  EXPECT_EQ(count(catalog, Kind::Type), 8u);  // enums
  EXPECT_EQ(count(catalog, Kind::Sequence), 35u);
  EXPECT_EQ(count(catalog, Kind::SequenceOwner), 35u);
  EXPECT_EQ(count(catalog, Kind::Index), 86u + 14u);
  EXPECT_EQ(count(catalog, Kind::Constraint), 126u);
  EXPECT_EQ(count(catalog, Kind::Function), 2u);
  EXPECT_NE(catalog.find("extension:btree_gist"), nullptr);
}

TEST_F(Corpus, ThousandTables) {
  // Each table with a serial key, a foreign key, a check, a unique constraint, a partial index,
  // defaults and a comment; a view on every fifth table and a hundred functions.
  run_sql(R"sql(
    CREATE TYPE public.status AS ENUM ('a', 'b');
    DO $$
    BEGIN
      FOR i IN 0..999 LOOP
        EXECUTE format(
          'CREATE TABLE public.t%s (id serial PRIMARY KEY, name varchar(50) NOT NULL DEFAULT ''unnamed'','
          ' amount numeric(10,2) CHECK (amount >= 0), created timestamptz DEFAULT now(),'
          ' state public.status, tags text[]%s, UNIQUE (name, created))',
          i, CASE WHEN i > 0 THEN format(', parent_id int REFERENCES public.t%s', i - 1) ELSE '' END);
        EXECUTE format('CREATE INDEX ON public.t%s (created) WHERE amount > 0', i);
        EXECUTE format('COMMENT ON TABLE public.t%s IS %L', i, 'table ' || i);
        IF i % 5 = 0 THEN
          EXECUTE format('CREATE VIEW public.v%s AS SELECT id, name FROM public.t%s', i, i);
        END IF;
        IF i < 100 THEN
          EXECUTE format('CREATE FUNCTION public.f%s(a int) RETURNS int LANGUAGE sql'
                         ' RETURN a + %s', i, i);
        END IF;
      END LOOP;
    END $$;
  )sql");
  const auto catalog = introspect_twice("a thousand tables");
  EXPECT_EQ(count(catalog, Kind::Table), 1000u);
  EXPECT_EQ(count(catalog, Kind::Constraint), 1000u * 3 + 999u);
  EXPECT_EQ(count(catalog, Kind::View), 200u);
}

}  // namespace
}  // namespace strata::introspect::testing
