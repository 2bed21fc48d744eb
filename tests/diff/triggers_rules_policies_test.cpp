// Triggers, rules and policies are golden cases (cases/triggers_*, cases/rules_*,
// cases/policies_*); here only what real DDL cannot build.
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

// A trigger function's result can only be `trigger` (and its arguments none), so no schema
// PostgreSQL loads changes the signature of a function a trigger uses: the result is changed by
// hand here.
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

}  // namespace
}  // namespace strata::diff::testing
