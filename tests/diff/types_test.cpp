#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object mood = enum_type("public", "mood", {"sad", "ok", "happy"});

TEST(Enums, CreateAndDrop) {
  EXPECT_EQ(sql_for(db({}), db({mood})), "CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');\n");
  EXPECT_EQ(sql_for(db({mood}), db({})), "DROP TYPE public.mood;\n");
}

TEST(Enums, NewLabelsGoExactlyWhereTheyBelong) {
  const auto before = enum_type("public", "mood", {"sad", "happy"});
  const auto after = enum_type("public", "mood", {"awful", "meh", "sad", "ok", "happy", "ecstatic"});
  EXPECT_EQ(sql_for(db({before}), db({after})),
            "ALTER TYPE public.mood ADD VALUE 'awful' BEFORE 'sad';\n"
            "ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'awful';\n"
            "ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad';\n"
            "ALTER TYPE public.mood ADD VALUE 'ecstatic' AFTER 'happy';\n");
}

TEST(Enums, RemovingALabelOfAnUnusedTypeRecreatesIt) {
  EXPECT_EQ(sql_for(db({mood}), db({enum_type("public", "mood", {"sad", "happy"})})),
            "DROP TYPE public.mood;\n"
            "CREATE TYPE public.mood AS ENUM ('sad', 'happy');\n");
  EXPECT_EQ(sql_for(db({mood}), db({enum_type("public", "mood", {"happy", "ok", "sad"})})),
            "DROP TYPE public.mood;\n"
            "CREATE TYPE public.mood AS ENUM ('happy', 'ok', 'sad');\n");
}

TEST(Enums, RemovingALabelAColumnMayHoldIsRefused) {
  const auto people = table("public", "people");
  const auto feeling = depends(column(people, "feeling", "public.mood", 1), {mood.key});
  try {
    diff(db({mood, people, feeling}), db({enum_type("public", "mood", {"sad", "happy"}), people, feeling}));
    FAIL() << "expected a DiffError";
  } catch (const DiffError& error) {
    EXPECT_EQ(error.object_key, mood.key);
    EXPECT_EQ(error.dependent_key, feeling.key);
    EXPECT_NE(std::string(error.what()).find("label 'ok' removed"), std::string::npos) << error.what();
  }
}

TEST(Enums, FunctionsUsingARecreatedTypeAreRecreatedAroundIt) {
  const auto cheer = depends(function("public", "cheer", "public.mood",
                                      {{"result", "public.mood"},
                                       {"definition", "CREATE OR REPLACE FUNCTION public.cheer(m public.mood)\n"
                                                      " RETURNS public.mood\n LANGUAGE sql\nAS $$ SELECT m $$\n"}}),
                             {mood.key});
  EXPECT_EQ(sql_for(db({mood, cheer}), db({enum_type("public", "mood", {"sad", "happy"}), cheer})),
            "SET check_function_bodies = false;\n"
            "DROP FUNCTION public.cheer(public.mood);\n"
            "DROP TYPE public.mood;\n"
            "CREATE TYPE public.mood AS ENUM ('sad', 'happy');\n"
            "CREATE OR REPLACE FUNCTION public.cheer(m public.mood)\n"
            " RETURNS public.mood\n LANGUAGE sql\nAS $$ SELECT m $$;\n");
}

TEST(Domains, CreateWithConstraintsAndDrop) {
  const auto positive = domain("public", "positive", "integer",
                               {{"not_null", true},
                                {"default", "1"},
                                {"constraints",
                                 {{{"name", "above_zero"}, {"definition", "CHECK ((VALUE > 0))"}, {"validated", true}},
                                  {{"name", "small"}, {"definition", "CHECK ((VALUE < 100)) NOT VALID"}, {"validated", false}}}}});
  EXPECT_EQ(sql_for(db({}), db({positive})),
            "CREATE DOMAIN public.positive AS integer DEFAULT 1 NOT NULL CONSTRAINT above_zero CHECK ((VALUE > 0));\n"
            "ALTER DOMAIN public.positive ADD CONSTRAINT small CHECK ((VALUE < 100)) NOT VALID;\n");
  EXPECT_EQ(sql_for(db({positive}), db({})), "DROP DOMAIN public.positive;\n");
}

TEST(Domains, AlterInPlace) {
  const json not_valid = {{"name", "small"}, {"definition", "CHECK ((VALUE < 100)) NOT VALID"}, {"validated", false}};
  const json valid = {{"name", "small"}, {"definition", "CHECK ((VALUE < 100))"}, {"validated", true}};
  const json old_check = {{"name", "above_zero"}, {"definition", "CHECK ((VALUE > 0))"}, {"validated", true}};
  const json new_check = {{"name", "even"}, {"definition", "CHECK (((VALUE % 2) = 0))"}, {"validated", true}};
  const auto before = domain("public", "d", "integer", {{"constraints", {old_check, not_valid}}});
  const auto after = domain("public", "d", "integer",
                            {{"default", "2"}, {"not_null", true}, {"constraints", {new_check, valid}}});
  EXPECT_EQ(sql_for(db({before}), db({after})),
            "ALTER DOMAIN public.d DROP CONSTRAINT above_zero;\n"
            "ALTER DOMAIN public.d SET DEFAULT 2;\n"
            "ALTER DOMAIN public.d SET NOT NULL;\n"
            "ALTER DOMAIN public.d ADD CONSTRAINT even CHECK (((VALUE % 2) = 0));\n"
            "ALTER DOMAIN public.d VALIDATE CONSTRAINT small;\n");
  EXPECT_EQ(sql_for(db({after}), db({with(after, {{"default", nullptr}, {"not_null", false}})})),
            "ALTER DOMAIN public.d DROP DEFAULT;\n"
            "ALTER DOMAIN public.d DROP NOT NULL;\n");
}

TEST(Domains, BaseTypeChangeOfAUsedDomainIsRefused) {
  const auto d = domain("public", "d", "integer");
  const auto t = table("public", "t");
  const auto c = depends(column(t, "c", "public.d", 1), {d.key});
  EXPECT_THROW(diff(db({d, t, c}), db({with(d, {{"base_type", "bigint"}}), t, c})), DiffError);
  EXPECT_EQ(sql_for(db({d}), db({with(d, {{"base_type", "bigint"}})})),
            "DROP DOMAIN public.d;\n"
            "CREATE DOMAIN public.d AS bigint;\n");
}

TEST(Composites, CreateAndDrop) {
  const auto pair = composite("public", "pair", {{{"name", "a"}, {"type", "integer"}, {"collation", nullptr}},
                                                 {{"name", "b"}, {"type", "text"}, {"collation", "pg_catalog.\"C\""}}});
  EXPECT_EQ(sql_for(db({}), db({pair})), "CREATE TYPE public.pair AS (a integer, b text COLLATE pg_catalog.\"C\");\n");
  EXPECT_EQ(sql_for(db({pair}), db({})), "DROP TYPE public.pair;\n");
}

TEST(Composites, AttributesAreDroppedAppendedAndRetyped) {
  const json a = {{"name", "a"}, {"type", "integer"}};
  const json b = {{"name", "b"}, {"type", "text"}};
  const json c = {{"name", "c"}, {"type", "date"}};
  const json a_big = {{"name", "a"}, {"type", "bigint"}};
  EXPECT_EQ(sql_for(db({composite("public", "p", {a, b})}), db({composite("public", "p", {a_big, c})})),
            "ALTER TYPE public.p DROP ATTRIBUTE b;\n"
            "ALTER TYPE public.p ALTER ATTRIBUTE a TYPE bigint;\n"
            "ALTER TYPE public.p ADD ATTRIBUTE c date;\n");
  // Kept attributes cannot move.
  EXPECT_EQ(sql_for(db({composite("public", "p", {a, b})}), db({composite("public", "p", {b, a})})),
            "DROP TYPE public.p;\n"
            "CREATE TYPE public.p AS (b text, a integer);\n");
}

TEST(Composites, RetypingAnAttributeOfATypeAColumnUsesIsRefused) {
  const json a = {{"name", "a"}, {"type", "integer"}};
  const auto p = composite("public", "p", json::array({a}));
  const auto t = table("public", "t");
  const auto c = depends(column(t, "c", "public.p", 1), {p.key});
  EXPECT_THROW(diff(db({p, t, c}), db({composite("public", "p", {{{"name", "a"}, {"type", "bigint"}}}), t, c})),
               DiffError);
}

TEST(Ranges, CreateAndRecreate) {
  const auto span = range_type("public", "span", {{"subtype", "integer"}, {"multirange_name", "public.spans"}});
  EXPECT_EQ(sql_for(db({}), db({span})),
            "CREATE TYPE public.span AS RANGE (SUBTYPE = integer, MULTIRANGE_TYPE_NAME = public.spans);\n");
  EXPECT_EQ(sql_for(db({span}), db({with(span, {{"subtype", "bigint"}})})),
            "DROP TYPE public.span;\n"
            "CREATE TYPE public.span AS RANGE (SUBTYPE = bigint, MULTIRANGE_TYPE_NAME = public.spans);\n");
}

TEST(Types, CreatedBeforeAndDroppedAfterTheTablesUsingThem) {
  const auto zzz = enum_type("public", "zzz", {"a"});
  const auto aaa = table("public", "aaa");
  const auto objects = db({zzz, aaa, depends(column(aaa, "v", "public.zzz", 1), {zzz.key})});
  EXPECT_EQ(sql_for(db({}), objects),
            "CREATE TYPE public.zzz AS ENUM ('a');\n"
            "CREATE TABLE public.aaa (\n"
            "    v public.zzz\n"
            ");\n");
  EXPECT_EQ(sql_for(objects, db({})),
            "DROP TABLE public.aaa;\n"
            "DROP TYPE public.zzz;\n");
}

}  // namespace
}  // namespace strata::diff::testing
