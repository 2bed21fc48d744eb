#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object film = table("public", "film");
const Object film_id = column(film, "id", "integer", 1);

TEST(Comments, NewObjectsGetTheirCommentsAfterEverythingElse) {
  const auto pkey = constraint(film, "film_pkey", "p", "PRIMARY KEY (id)");
  EXPECT_EQ(sql_for(db({}), db({commented(film, "Films"), commented(film_id, "It's the key"), commented(pkey, "pk")})),
            "CREATE TABLE public.film (\n"
            "    id integer\n"
            ");\n"
            "ALTER TABLE public.film ADD CONSTRAINT film_pkey PRIMARY KEY (id);\n"
            "COMMENT ON TABLE public.film IS 'Films';\n"
            "COMMENT ON COLUMN public.film.id IS 'It''s the key';\n"
            "COMMENT ON CONSTRAINT film_pkey ON public.film IS 'pk';\n");
}

TEST(Comments, ChangedAndRemoved) {
  EXPECT_EQ(sql_for(db({commented(film, "old"), film_id}), db({commented(film, "new"), film_id})),
            "COMMENT ON TABLE public.film IS 'new';\n");
  const Plan plan = diff(db({commented(film, "old"), film_id}), db({film, film_id}));
  EXPECT_EQ(render_sql(plan), "COMMENT ON TABLE public.film IS NULL;\n");
  EXPECT_EQ(plan.changes[0].action, Change::Action::Comment);
  EXPECT_EQ(plan.changes[0].summary, "comment on table public.film");
}

TEST(Comments, TargetsPerKind) {
  const auto f = function("public", "f", "integer",
                          {{"result", "integer"},
                           {"definition", "CREATE OR REPLACE FUNCTION public.f(integer)\n RETURNS integer\n LANGUAGE sql\n"
                                          "AS $$ SELECT 1 $$\n"}});
  const auto d = domain("public", "d", "integer");
  const auto e = enum_type("public", "e", {"a"});
  const auto s = sequence("public", "s");
  const auto v = view("public", "v", " SELECT 1;", json::array({{{"name", "?column?"}, {"type", "integer"}}}));
  const auto i = index(film, "i", "CREATE INDEX i ON public.film USING btree (id)");
  const auto t = trigger(film, "t", "CREATE TRIGGER t BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.f()");
  const auto p = policy(film, "p");
  const Catalog before = db({schema("app"), f, d, e, s, v, film, film_id, i, t, p});
  const Catalog after = db({commented(schema("app"), "x"), commented(f, "x"), commented(d, "x"), commented(e, "x"),
                            commented(s, "x"), commented(v, "x"), film, film_id, commented(i, "x"), commented(t, "x"),
                            commented(p, "x")});
  EXPECT_EQ(sql_for(before, after),
            "COMMENT ON SCHEMA app IS 'x';\n"
            "COMMENT ON DOMAIN public.d IS 'x';\n"
            "COMMENT ON TYPE public.e IS 'x';\n"
            "COMMENT ON FUNCTION public.f(integer) IS 'x';\n"
            "COMMENT ON SEQUENCE public.s IS 'x';\n"
            "COMMENT ON INDEX public.i IS 'x';\n"
            "COMMENT ON VIEW public.v IS 'x';\n"
            "COMMENT ON TRIGGER t ON public.film IS 'x';\n"
            "COMMENT ON POLICY p ON public.film IS 'x';\n");
}

TEST(Comments, RecreatedObjectsGetTheirCommentBack) {
  const auto mood = commented(enum_type("public", "mood", {"a", "b"}), "feelings");
  EXPECT_EQ(sql_for(db({mood}), db({commented(enum_type("public", "mood", {"b"}), "feelings")})),
            "DROP TYPE public.mood;\n"
            "CREATE TYPE public.mood AS ENUM ('b');\n"
            "COMMENT ON TYPE public.mood IS 'feelings';\n");
}

}  // namespace
}  // namespace strata::diff::testing
