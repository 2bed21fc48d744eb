#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object film = table("public", "film");
const Object film_id = column(film, "id", "integer", 1);
const Object film_title = column(film, "title", "text", 2);
const json kIdColumn = {{"name", "id"}, {"type", "integer"}};
const json kTitleColumn = {{"name", "title"}, {"type", "text"}};

Object titles(const json& columns = json::array({kIdColumn, kTitleColumn})) {
  return depends(view("public", "titles", " SELECT film.id,\n    film.title\n   FROM public.film;", columns),
                 {film.key, film_id.key, film_title.key});
}

TEST(Views, CreateAndDrop) {
  const auto v = with(titles(), {{"options", {"security_barrier=true"}}, {"check_option", "cascaded"}});
  EXPECT_EQ(sql_for(db({film, film_id, film_title}), db({film, film_id, film_title, v})),
            "CREATE VIEW public.titles WITH (security_barrier=true) AS\n"
            " SELECT film.id,\n    film.title\n   FROM public.film\n"
            "  WITH CASCADED CHECK OPTION;\n");
  EXPECT_EQ(sql_for(db({film, film_id, film_title, v}), db({film, film_id, film_title})), "DROP VIEW public.titles;\n");
}

TEST(Views, AppendingColumnsReplacesInPlace) {
  const auto narrow = depends(view("public", "titles", " SELECT film.id\n   FROM public.film;", json::array({kIdColumn})),
                              {film.key, film_id.key});
  EXPECT_EQ(sql_for(db({film, film_id, film_title, narrow}), db({film, film_id, film_title, titles()})),
            "CREATE OR REPLACE VIEW public.titles AS\n"
            " SELECT film.id,\n    film.title\n   FROM public.film;\n");
}

TEST(Views, RemovingColumnsRecreatesAndTakesDependentViewsAlong) {
  const auto narrow = depends(view("public", "titles", " SELECT film.id\n   FROM public.film;", json::array({kIdColumn})),
                              {film.key, film_id.key});
  const auto on_top = depends(view("public", "ids", " SELECT titles.id\n   FROM public.titles;", json::array({kIdColumn})),
                              {titles().key});
  EXPECT_EQ(sql_for(db({film, film_id, film_title, titles(), on_top}), db({film, film_id, film_title, narrow, on_top})),
            "DROP VIEW public.ids;\n"
            "DROP VIEW public.titles;\n"
            "CREATE VIEW public.titles AS\n"
            " SELECT film.id\n   FROM public.film;\n"
            "CREATE VIEW public.ids AS\n"
            " SELECT titles.id\n   FROM public.titles;\n");
}

TEST(Views, RecreatedAroundATypeChangeOfAColumnTheyUse) {
  const auto wider_id = with(film_id, {{"type", "bigint"}});
  const auto v = titles();
  const auto v_wide = titles(json::array({{{"name", "id"}, {"type", "bigint"}}, kTitleColumn}));
  EXPECT_EQ(sql_for(db({film, film_id, film_title, v}), db({film, wider_id, film_title, v_wide})),
            "DROP VIEW public.titles;\n"
            "ALTER TABLE public.film ALTER COLUMN id TYPE bigint;\n"
            "CREATE VIEW public.titles AS\n"
            " SELECT film.id,\n    film.title\n   FROM public.film;\n");
}

TEST(MaterializedViews, CreateDropRefreshAndRecreate) {
  const auto m = depends(matview("public", "counts", " SELECT count(*) AS n\n   FROM public.film;",
                                 json::array({{{"name", "n"}, {"type", "bigint"}}})),
                         {film.key});
  const auto m_idx = index(m, "counts_n", "CREATE INDEX counts_n ON public.counts USING btree (n)");
  const Catalog base = db({film, film_id, film_title});
  const Catalog with_matview = db({film, film_id, film_title, m, m_idx});
  EXPECT_EQ(sql_for(base, with_matview),
            "CREATE MATERIALIZED VIEW public.counts AS\n"
            " SELECT count(*) AS n\n   FROM public.film\n  WITH DATA;\n"
            "CREATE INDEX counts_n ON public.counts USING btree (n);\n");
  const Plan drop = diff(with_matview, base);
  EXPECT_EQ(render_sql(drop), "DROP MATERIALIZED VIEW public.counts;\n");
  EXPECT_FALSE(drop.changes[0].destructive);  // derived data

  EXPECT_EQ(sql_for(with_matview, db({film, film_id, film_title, with(m, {{"with_data", false}}), m_idx})),
            "REFRESH MATERIALIZED VIEW public.counts WITH NO DATA;\n");
  const auto changed = with(m, {{"definition", " SELECT count(*) AS n\n   FROM public.film\n  WHERE (film.id > 0);"}});
  EXPECT_EQ(sql_for(with_matview, db({film, film_id, film_title, changed, m_idx})),
            "DROP MATERIALIZED VIEW public.counts;\n"
            "CREATE MATERIALIZED VIEW public.counts AS\n"
            " SELECT count(*) AS n\n   FROM public.film\n  WHERE (film.id > 0)\n  WITH DATA;\n"
            "CREATE INDEX counts_n ON public.counts USING btree (n);\n");
}

}  // namespace
}  // namespace strata::diff::testing
