#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object users = table("public", "users");
const Object users_id = column(users, "id", "integer", 1, {{"not_null", true}});
const Object users_email = column(users, "email", "text", 2);
const Object users_pkey = depends(constraint(users, "users_pkey", "p", "PRIMARY KEY (id)"), {users_id.key});
const Object email_idx = depends(index(users, "users_email_idx", "CREATE UNIQUE INDEX users_email_idx ON public.users USING btree (email)",
                                       {{"unique", true}}),
                                 {users_email.key});

Options online() {
  Options options;
  options.online_index_builds = true;
  options.not_valid_constraints = true;
  return options;
}

TEST(Online, NewIndexOnExistingTableIsBuiltConcurrentlyAfterTheTransaction) {
  const Plan plan = diff(db({users, users_id, users_email}), db({users, users_id, users_email, commented(email_idx, "unique")}),
                         online());
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].statements[0],
            "CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON public.users USING btree (email)");
  EXPECT_TRUE(plan.changes[0].after_transaction);
  EXPECT_EQ(plan.changes[1].action, Change::Action::Comment);
  EXPECT_TRUE(plan.changes[1].after_transaction);
}

TEST(Online, IndexOnNewTableStaysInTheTransaction) {
  const Plan plan = diff(db({}), db({users, users_id, users_email, email_idx}), online());
  for (const auto& change : plan.changes) EXPECT_FALSE(change.after_transaction) << change.summary;
  EXPECT_EQ(render_sql(plan).find("CONCURRENTLY"), std::string::npos);
}

TEST(Online, IndexOnPartitionedTableStaysPlain) {
  const auto events = table("public", "events", {{"partition_key", "RANGE (at)"}});
  const auto at = column(events, "at", "date", 1);
  const auto idx = depends(index(events, "events_at_idx", "CREATE INDEX events_at_idx ON ONLY public.events USING btree (at)"),
                           {at.key});
  const Plan plan = diff(db({events, at}), db({events, at, idx}), online());
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_FALSE(plan.changes[0].after_transaction);
}

TEST(Online, StandaloneIndexDropIsConcurrentButNotWhenItsColumnGoes) {
  Plan plan = diff(db({users, users_id, users_email, email_idx}), db({users, users_id, users_email}), online());
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].statements[0], "DROP INDEX CONCURRENTLY public.users_email_idx");
  EXPECT_TRUE(plan.changes[0].after_transaction);

  plan = diff(db({users, users_id, users_email, email_idx}), db({users, users_id}), online());
  for (const auto& change : plan.changes) EXPECT_FALSE(change.after_transaction) << change.summary;
}

TEST(Online, NewForeignKeyAndCheckAreAddedNotValidThenValidated) {
  const auto orders = table("public", "orders");
  const auto orders_user = column(orders, "user_id", "integer", 1);
  const auto fk = depends(constraint(orders, "orders_user_fk", "f", "FOREIGN KEY (user_id) REFERENCES public.users(id)"),
                          {orders_user.key, users_pkey.key});
  const auto check = depends(constraint(users, "email_check", "c", "CHECK ((email <> ''::text))"), {users_email.key});
  const Catalog from = db({users, users_id, users_email, users_pkey, orders, orders_user});
  const Catalog to = db({users, users_id, users_email, users_pkey, orders, orders_user, fk, check});
  const Plan plan = diff(from, to, online());
  EXPECT_EQ(render_sql(plan),
            "ALTER TABLE public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users(id) NOT VALID;\n"
            "ALTER TABLE public.users ADD CONSTRAINT email_check CHECK ((email <> ''::text)) NOT VALID;\n"
            "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_user_fk;\n"
            "ALTER TABLE public.users VALIDATE CONSTRAINT email_check;\n");
  ASSERT_EQ(plan.changes.size(), 4u);
  EXPECT_FALSE(plan.changes[1].after_transaction);
  EXPECT_TRUE(plan.changes[2].after_transaction);
  EXPECT_TRUE(plan.changes[3].after_transaction);

  // Off by default: plain SQL, nothing after the transaction.
  const Plan plain = diff(from, to);
  EXPECT_EQ(render_sql(plain).find("NOT VALID"), std::string::npos);
  for (const auto& change : plain.changes) EXPECT_FALSE(change.after_transaction);
}

TEST(Online, DeclaredNotValidAndNewTablesAreLeftAlone) {
  const auto check = constraint(users, "email_check", "c", "CHECK ((email <> ''::text)) NOT VALID", {{"validated", false}});
  const Plan plan = diff(db({users, users_id, users_email}), db({users, users_id, users_email, check}), online());
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].statements[0], "ALTER TABLE public.users ADD CONSTRAINT email_check CHECK ((email <> ''::text)) NOT VALID");

  const auto valid = constraint(users, "email_check", "c", "CHECK ((email <> ''::text))");
  EXPECT_EQ(render_sql(diff(db({}), db({users, users_id, users_email, valid}), online())).find("VALIDATE"), std::string::npos);
}

TEST(Online, NewUniqueConstraintOnExistingTableUsesAConcurrentIndex) {
  const auto unique = depends(constraint(users, "users_email_key", "u", "UNIQUE (email)"), {users_email.key});
  const Plan plan = diff(db({users, users_id, users_email}), db({users, users_id, users_email, unique}), online());
  EXPECT_EQ(render_sql(plan),
            "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON public.users (email);\n"
            "ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n");
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_TRUE(plan.changes[0].after_transaction);

  // Not the plain form, deferrable, or on a new table: left as it is.
  for (const auto& other : {constraint(users, "users_email_key", "u", "UNIQUE (email) INCLUDE (id)"),
                            constraint(users, "users_email_key", "u", "UNIQUE NULLS NOT DISTINCT (email)"),
                            constraint(users, "users_email_key", "u", "UNIQUE (email) DEFERRABLE", {{"deferrable", true}})}) {
    const Plan plain = diff(db({users, users_id, users_email}), db({users, users_id, users_email, depends(other, {users_email.key})}),
                            online());
    ASSERT_EQ(plain.changes.size(), 1u);
    EXPECT_FALSE(plain.changes[0].after_transaction) << plain.changes[0].statements[0];
  }
  const Plan fresh = diff(db({}), db({users, users_id, users_email, unique}), online());
  EXPECT_EQ(render_sql(fresh).find("CONCURRENTLY"), std::string::npos);
}

TEST(Online, UniqueConstraintANewForeignKeyNeedsStaysInTheTransaction) {
  const auto unique = depends(constraint(users, "users_email_key", "u", "UNIQUE (email)"), {users_email.key});
  const auto orders = table("public", "orders");
  const auto orders_email = column(orders, "email", "text", 1);
  const auto fk = depends(constraint(orders, "orders_email_fk", "f", "FOREIGN KEY (email) REFERENCES public.users(email)"),
                          {orders_email.key, unique.key});
  const Plan plan = diff(db({users, users_id, users_email, orders, orders_email}),
                         db({users, users_id, users_email, orders, orders_email, unique, fk}), online());
  const std::string sql = render_sql(plan);
  EXPECT_NE(sql.find("ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE (email);"), std::string::npos) << sql;
  EXPECT_EQ(sql.find("CONCURRENTLY"), std::string::npos) << sql;
}

TEST(Online, ColumnMadeNotNullGoesThroughAValidatedCheck) {
  const auto required = column(users, "email", "text", 2, {{"not_null", true}});
  const Plan plan = diff(db({users, users_id, users_email}), db({users, users_id, required}), online());
  EXPECT_EQ(render_sql(plan),
            "ALTER TABLE public.users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n"
            "ALTER TABLE public.users VALIDATE CONSTRAINT users_email_not_null;\n"
            "ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;\n"
            "ALTER TABLE public.users DROP CONSTRAINT users_email_not_null;\n");
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_FALSE(plan.changes[0].after_transaction);
  EXPECT_TRUE(plan.changes[1].after_transaction);
  for (const auto& warning : plan.warnings) EXPECT_EQ(warning.find("SET NOT NULL"), std::string::npos) << warning;

  // Plain without the option, with its warning; plain when the check's name is taken.
  const Plan plain = diff(db({users, users_id, users_email}), db({users, users_id, required}));
  EXPECT_EQ(render_sql(plain), "ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;\n");
  EXPECT_FALSE(plain.warnings.empty());
  const auto taken = constraint(users, "users_email_not_null", "c", "CHECK ((email <> ''::text))");
  const Plan named = diff(db({users, users_id, users_email, taken}), db({users, users_id, required, taken}), online());
  EXPECT_EQ(render_sql(named), "ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;\n");
}

TEST(Warnings, RequiredColumnWithoutDefaultOnAnExistingTable) {
  const auto level = column(users, "level", "integer", 3, {{"not_null", true}});
  const auto has_warning = [](const Plan& plan) {
    for (const auto& warning : plan.warnings) {
      if (warning.find("public.users.level is added NOT NULL without a default") != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_warning(diff(db({users, users_id, users_email}), db({users, users_id, users_email, level}))));
  // With a default, nullable, or on a new table: nothing to say.
  const auto level_default = default_value(users, "level", "0");
  EXPECT_FALSE(has_warning(diff(db({users, users_id, users_email}), db({users, users_id, users_email, level, level_default}))));
  EXPECT_FALSE(has_warning(diff(db({users, users_id, users_email}),
                                db({users, users_id, users_email, column(users, "level", "integer", 3)}))));
  EXPECT_FALSE(has_warning(diff(db({}), db({users, users_id, users_email, level}))));
}

TEST(Warnings, IdentityOrGeneratedColumnAddedToAnExistingTableRewritesIt) {
  const auto rewrites = [](const Plan& plan) {
    for (const auto& warning : plan.warnings) {
      if (warning.find("rewrites public.users") != std::string::npos) return true;
    }
    return false;
  };
  const auto serial = column(users, "n", "bigint", 3, {{"not_null", true}, {"identity", "always"}});
  const auto lowered = column(users, "mail_lower", "text", 3, {{"generated", "lower(email)"}});
  EXPECT_TRUE(rewrites(diff(db({users, users_id, users_email}), db({users, users_id, users_email, serial}))));
  EXPECT_TRUE(rewrites(diff(db({users, users_id, users_email}), db({users, users_id, users_email, lowered}))));
  EXPECT_FALSE(rewrites(diff(db({}), db({users, users_id, users_email, serial}))));
}

}  // namespace
}  // namespace strata::diff::testing
