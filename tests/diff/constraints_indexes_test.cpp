#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object users = table("public", "users");
const Object users_id = column(users, "id", "integer", 1, {{"not_null", true}});
const Object users_email = column(users, "email", "text", 2);
const Object users_pkey = depends(constraint(users, "users_pkey", "p", "PRIMARY KEY (id)"), {users_id.key});

TEST(Constraints, AddAndDrop) {
  EXPECT_EQ(sql_for(db({users, users_id}), db({users, users_id, users_pkey})),
            "ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n");
  EXPECT_EQ(sql_for(db({users, users_id, users_pkey}), db({users, users_id})),
            "ALTER TABLE public.users DROP CONSTRAINT users_pkey;\n");
}

TEST(Constraints, DefinitionChangeDropsAndAdds) {
  const auto check = constraint(users, "email_check", "c", "CHECK ((email <> ''::text))");
  EXPECT_EQ(sql_for(db({users, users_email, check}),
                    db({users, users_email, with(check, {{"definition", "CHECK ((length(email) > 3))"}})})),
            "ALTER TABLE public.users DROP CONSTRAINT email_check;\n"
            "ALTER TABLE public.users ADD CONSTRAINT email_check CHECK ((length(email) > 3));\n");
}

TEST(Constraints, ValidatingANotValidConstraint) {
  const auto not_valid = constraint(users, "email_check", "c", "CHECK ((email <> ''::text)) NOT VALID", {{"validated", false}});
  const auto valid = constraint(users, "email_check", "c", "CHECK ((email <> ''::text))");
  EXPECT_EQ(sql_for(db({users, users_email, not_valid}), db({users, users_email, valid})),
            "ALTER TABLE public.users VALIDATE CONSTRAINT email_check;\n");
  EXPECT_EQ(sql_for(db({users, users_email, valid}), db({users, users_email, not_valid})),
            "ALTER TABLE public.users DROP CONSTRAINT email_check;\n"
            "ALTER TABLE public.users ADD CONSTRAINT email_check CHECK ((email <> ''::text)) NOT VALID;\n");
}

TEST(Constraints, ForeignKeysComeAfterBothTablesAndTheKeyTheyReference) {
  const auto orders = table("public", "orders");
  const auto orders_user = column(orders, "user_id", "integer", 1);
  const auto fk = depends(constraint(orders, "orders_user_fk", "f",
                                     "FOREIGN KEY (user_id) REFERENCES public.users(id) DEFERRABLE INITIALLY DEFERRED",
                                     {{"deferrable", true}, {"deferred", true}}),
                          {users_pkey.key, users.key, orders_user.key});
  const auto objects = db({orders, orders_user, fk, users, users_id, users_pkey});
  EXPECT_EQ(sql_for(db({}), objects),
            "CREATE TABLE public.orders (\n"
            "    user_id integer\n"
            ");\n"
            "CREATE TABLE public.users (\n"
            "    id integer NOT NULL\n"
            ");\n"
            "ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
            "ALTER TABLE public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users(id) "
            "DEFERRABLE INITIALLY DEFERRED;\n");
  EXPECT_EQ(sql_for(objects, db({})),
            "DROP TABLE public.orders;\n"
            "DROP TABLE public.users;\n");
}

TEST(Constraints, RecreatedPrimaryKeyTakesItsForeignKeysAlong) {
  const auto orders = table("public", "orders");
  const auto orders_user = column(orders, "user_id", "integer", 1);
  const auto fk = depends(constraint(orders, "orders_user_fk", "f", "FOREIGN KEY (user_id) REFERENCES public.users(id)"),
                          {users_pkey.key, orders_user.key});
  const auto wider_pkey = depends(constraint(users, "users_pkey", "p", "PRIMARY KEY (id, email)"),
                                  {users_id.key, users_email.key});
  const auto unique_id = depends(constraint(users, "users_id_key", "u", "UNIQUE (id)"), {users_id.key});
  const auto fk_on_unique = depends(constraint(orders, "orders_user_fk", "f", "FOREIGN KEY (user_id) REFERENCES public.users(id)"),
                                    {unique_id.key, orders_user.key});
  const Catalog before = db({users, users_id, users_email, users_pkey, orders, orders_user, fk});
  const Catalog after = db({users, users_id, users_email, wider_pkey, unique_id, orders, orders_user, fk_on_unique});
  EXPECT_EQ(sql_for(before, after),
            "ALTER TABLE public.orders DROP CONSTRAINT orders_user_fk;\n"
            "ALTER TABLE public.users DROP CONSTRAINT users_pkey;\n"
            "ALTER TABLE public.users ADD CONSTRAINT users_id_key UNIQUE (id);\n"
            "ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id, email);\n"
            "ALTER TABLE public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users(id);\n");
}

TEST(Indexes, CreateDropAndChange) {
  const auto by_email = index(users, "users_email_idx", "CREATE INDEX users_email_idx ON public.users USING btree (email)");
  EXPECT_EQ(sql_for(db({users, users_email}), db({users, users_email, by_email})),
            "CREATE INDEX users_email_idx ON public.users USING btree (email);\n");
  EXPECT_EQ(sql_for(db({users, users_email, by_email}), db({users, users_email})), "DROP INDEX public.users_email_idx;\n");
  EXPECT_EQ(sql_for(db({users, users_email, by_email}),
                    db({users, users_email,
                        with(by_email, {{"definition", "CREATE UNIQUE INDEX users_email_idx ON public.users USING btree "
                                                       "(lower(email))"},
                                        {"unique", true}})})),
            "DROP INDEX public.users_email_idx;\n"
            "CREATE UNIQUE INDEX users_email_idx ON public.users USING btree (lower(email));\n");
}

TEST(Indexes, RenameIsDropAndCreate) {
  const auto old_name = index(users, "a_idx", "CREATE INDEX a_idx ON public.users USING btree (email)");
  const auto new_name = index(users, "b_idx", "CREATE INDEX b_idx ON public.users USING btree (email)");
  EXPECT_EQ(sql_for(db({users, users_email, old_name}), db({users, users_email, new_name})),
            "DROP INDEX public.a_idx;\n"
            "CREATE INDEX b_idx ON public.users USING btree (email);\n");
}

}  // namespace
}  // namespace strata::diff::testing
