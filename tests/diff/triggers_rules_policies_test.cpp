#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object film = table("public", "film");
const Object film_id = column(film, "id", "integer", 1);
const Object touch = function("public", "touch", "",
                              {{"arguments", ""}, {"result", "trigger"},
                               {"definition", "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n"
                                              " LANGUAGE plpgsql\nAS $function$BEGIN RETURN NEW; END$function$\n"}});
const Object touched = depends(trigger(film, "touched",
                                       "CREATE TRIGGER touched BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE "
                                       "FUNCTION public.touch()"),
                               {touch.key});

TEST(Triggers, CreatedAfterTheirFunctionAndTableDroppedBefore) {
  const Catalog objects = db({touched, film, film_id, touch});
  EXPECT_EQ(sql_for(db({}), objects),
            "SET check_function_bodies = false;\n"
            "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\n"
            "AS $function$BEGIN RETURN NEW; END$function$;\n"
            "CREATE TABLE public.film (\n"
            "    id integer\n"
            ");\n"
            "CREATE TRIGGER touched BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.touch();\n");
  EXPECT_EQ(sql_for(db({film, film_id, touch, touched}), db({film, film_id, touch})),
            "DROP TRIGGER touched ON public.film;\n");
}

TEST(Triggers, FiringState) {
  const auto disabled = with(touched, {{"enabled", "disabled"}});
  Catalog with_disabled = db({film, film_id, touch, disabled});
  EXPECT_EQ(sql_for(db({film, film_id, touch}), with_disabled),
            "CREATE TRIGGER touched BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.touch();\n"
            "ALTER TABLE public.film DISABLE TRIGGER touched;\n");
  EXPECT_EQ(sql_for(with_disabled, db({film, film_id, touch, with(touched, {{"enabled", "always"}})})),
            "ALTER TABLE public.film ENABLE ALWAYS TRIGGER touched;\n");
  EXPECT_EQ(sql_for(with_disabled, db({film, film_id, touch, touched})), "ALTER TABLE public.film ENABLE TRIGGER touched;\n");
}

TEST(Triggers, DefinitionChangeRecreates) {
  const auto after_insert = with(touched, {{"definition", "CREATE TRIGGER touched BEFORE INSERT ON public.film FOR EACH "
                                                          "ROW EXECUTE FUNCTION public.touch()"}});
  EXPECT_EQ(sql_for(db({film, film_id, touch, touched}), db({film, film_id, touch, after_insert})),
            "DROP TRIGGER touched ON public.film;\n"
            "CREATE TRIGGER touched BEFORE INSERT ON public.film FOR EACH ROW EXECUTE FUNCTION public.touch();\n");
}

TEST(Triggers, FunctionRecreatedWithANewSignatureTakesItsTriggersAlong) {
  auto changed = with(touch, {{"result", "event_trigger"}});
  const std::string sql = sql_for(db({film, film_id, touch, touched}), db({film, film_id, changed, touched}));
  EXPECT_EQ(sql,
            "SET check_function_bodies = false;\n"
            "DROP TRIGGER touched ON public.film;\n"
            "DROP FUNCTION public.touch();\n"
            "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\n"
            "AS $function$BEGIN RETURN NEW; END$function$;\n"
            "CREATE TRIGGER touched BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.touch();\n");
}

TEST(Rules, CreateDropAndRecreate) {
  const auto nothing = rule(film, "no_delete", "CREATE RULE no_delete AS\n    ON DELETE TO public.film DO INSTEAD NOTHING;");
  EXPECT_EQ(sql_for(db({film, film_id}), db({film, film_id, nothing})),
            "CREATE RULE no_delete AS\n    ON DELETE TO public.film DO INSTEAD NOTHING;\n");
  EXPECT_EQ(sql_for(db({film, film_id, nothing}), db({film, film_id})), "DROP RULE no_delete ON public.film;\n");
  const auto on_update = rule(film, "no_delete", "CREATE RULE no_delete AS\n    ON UPDATE TO public.film DO INSTEAD NOTHING;");
  EXPECT_EQ(sql_for(db({film, film_id, nothing}), db({film, film_id, on_update})),
            "DROP RULE no_delete ON public.film;\n"
            "CREATE RULE no_delete AS\n    ON UPDATE TO public.film DO INSTEAD NOTHING;\n");
}

TEST(Policies, CreateDropAndRecreate) {
  const auto own = policy(film, "own rows", {{"command", "UPDATE"}, {"permissive", false}, {"roles", {"public", "Admin"}},
                                              {"using", "(id > 0)"}, {"with_check", "(id < 100)"}});
  EXPECT_EQ(sql_for(db({film, film_id}), db({film, film_id, own})),
            "CREATE POLICY \"own rows\" ON public.film AS RESTRICTIVE FOR UPDATE TO public, \"Admin\" USING ((id > 0)) "
            "WITH CHECK ((id < 100));\n");
  EXPECT_EQ(sql_for(db({film, film_id, own}), db({film, film_id})), "DROP POLICY \"own rows\" ON public.film;\n");
  EXPECT_EQ(sql_for(db({film, film_id, own}), db({film, film_id, with(own, {{"using", nullptr}})})),
            "DROP POLICY \"own rows\" ON public.film;\n"
            "CREATE POLICY \"own rows\" ON public.film AS RESTRICTIVE FOR UPDATE TO public, \"Admin\" "
            "WITH CHECK ((id < 100));\n");
}

TEST(Policies, RecreatedAroundATypeChangeOfAColumnTheyUse) {
  const auto positive = depends(policy(film, "positive", {{"using", "(id > 0)"}}), {film_id.key});
  EXPECT_EQ(sql_for(db({film, film_id, positive}), db({film, with(film_id, {{"type", "bigint"}}), positive})),
            "DROP POLICY positive ON public.film;\n"
            "ALTER TABLE public.film ALTER COLUMN id TYPE bigint;\n"
            "CREATE POLICY positive ON public.film AS PERMISSIVE FOR ALL TO public USING ((id > 0));\n");
}

}  // namespace
}  // namespace strata::diff::testing
