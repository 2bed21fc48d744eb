#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object seq = sequence("public", "film_id_seq");
const Object film = table("public", "film");
const Object film_id = column(film, "film_id", "integer", 1, {{"not_null", true}});
const Object next_id = default_value(film, "film_id", "nextval('public.film_id_seq'::regclass)", {seq.key});
const Object owned = sequence_owner(seq, film, "film_id");

TEST(Sequences, CreateAndDrop) {
  EXPECT_EQ(sql_for(db({}), db({seq})),
            "CREATE SEQUENCE public.film_id_seq AS bigint;\n");
  const Plan plan = diff(db({seq}), db({}));
  EXPECT_EQ(render_sql(plan), "DROP SEQUENCE public.film_id_seq;\n");
  EXPECT_TRUE(plan.changes[0].destructive);  // its current value is gone
}

TEST(Sequences, CreateSpellsOutOnlyNonDefaultOptions) {
  const auto custom = with(seq, {{"start", "100"}, {"cache", "20"}, {"cycle", true}});
  EXPECT_EQ(sql_for(db({}), db({custom})), "CREATE SEQUENCE public.film_id_seq AS bigint START WITH 100 CACHE 20 CYCLE;\n");
  const auto descending = with(seq, {{"increment", "-1"}, {"min", "-9223372036854775808"}, {"max", "-1"}, {"start", "-1"}});
  EXPECT_EQ(sql_for(db({}), db({descending})), "CREATE SEQUENCE public.film_id_seq AS bigint INCREMENT BY -1;\n");
}

TEST(Sequences, AlterOnlyWhatChanged) {
  const auto altered = with(seq, {{"data_type", "integer"}, {"max", "2147483647"}, {"increment", "5"}, {"cycle", true}});
  EXPECT_EQ(sql_for(db({seq}), db({altered})),
            "ALTER SEQUENCE public.film_id_seq AS integer INCREMENT BY 5 MAXVALUE 2147483647 CYCLE;\n");
  EXPECT_EQ(sql_for(db({altered}), db({seq})),
            "ALTER SEQUENCE public.film_id_seq AS bigint INCREMENT BY 1 MAXVALUE 9223372036854775807 NO CYCLE;\n");
}

TEST(Sequences, SerialColumnFromScratch) {
  EXPECT_EQ(sql_for(db({}), db({seq, film, film_id, next_id, owned})),
            "CREATE SEQUENCE public.film_id_seq AS bigint;\n"
            "CREATE TABLE public.film (\n"
            "    film_id integer DEFAULT nextval('public.film_id_seq'::regclass) NOT NULL\n"
            ");\n"
            "ALTER SEQUENCE public.film_id_seq OWNED BY public.film.film_id;\n");
}

TEST(Sequences, DroppingTheTableDropsTheSequenceItOwns) {
  EXPECT_EQ(sql_for(db({seq, film, film_id, next_id, owned}), db({})), "DROP TABLE public.film;\n");
}

TEST(Sequences, SequenceKeptWhenItsOwnerGoesIsReleasedFirst) {
  EXPECT_EQ(sql_for(db({seq, film, film_id, next_id, owned}), db({seq})),
            "ALTER SEQUENCE public.film_id_seq OWNED BY NONE;\n"
            "DROP TABLE public.film;\n");
}

TEST(Sequences, DefaultLetGoBeforeItsSequenceIsDropped) {
  EXPECT_EQ(sql_for(db({seq, film, film_id, next_id}), db({film, film_id})),
            "ALTER TABLE ONLY public.film ALTER COLUMN film_id DROP DEFAULT;\n"
            "DROP SEQUENCE public.film_id_seq;\n");
}

TEST(Sequences, DefaultMovesToAnotherSequenceBeforeTheOldOneIsDropped) {
  const auto other = sequence("public", "other_seq");
  const auto next_other = default_value(film, "film_id", "nextval('public.other_seq'::regclass)", {other.key});
  EXPECT_EQ(sql_for(db({seq, other, film, film_id, next_id}), db({other, film, film_id, next_other})),
            "ALTER TABLE ONLY public.film ALTER COLUMN film_id SET DEFAULT nextval('public.other_seq'::regclass);\n"
            "DROP SEQUENCE public.film_id_seq;\n");
}

TEST(Sequences, DefaultOnANewSequenceIsSetAfterItIsCreated) {
  const auto other = sequence("public", "other_seq");
  const auto next_other = default_value(film, "film_id", "nextval('public.other_seq'::regclass)", {other.key});
  EXPECT_EQ(sql_for(db({seq, film, film_id, next_id}), db({other, film, film_id, next_other})),
            "ALTER TABLE ONLY public.film ALTER COLUMN film_id DROP DEFAULT;\n"
            "DROP SEQUENCE public.film_id_seq;\n"
            "CREATE SEQUENCE public.other_seq AS bigint;\n"
            "ALTER TABLE ONLY public.film ALTER COLUMN film_id SET DEFAULT nextval('public.other_seq'::regclass);\n");
}

TEST(SequenceOwners, SetChangeAndRelease) {
  const auto other_column = column(film, "other", "integer", 2);
  EXPECT_EQ(sql_for(db({seq, film, film_id}), db({seq, film, film_id, owned})),
            "ALTER SEQUENCE public.film_id_seq OWNED BY public.film.film_id;\n");
  EXPECT_EQ(sql_for(db({seq, film, film_id, other_column, owned}),
                    db({seq, film, film_id, other_column, sequence_owner(seq, film, "other")})),
            "ALTER SEQUENCE public.film_id_seq OWNED BY public.film.other;\n");
  EXPECT_EQ(sql_for(db({seq, film, film_id, owned}), db({seq, film, film_id})),
            "ALTER SEQUENCE public.film_id_seq OWNED BY NONE;\n");
}

}  // namespace
}  // namespace strata::diff::testing
