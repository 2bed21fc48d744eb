// The online forms' SQL is golden cases (cases/online_*); here only what their expected files
// cannot show: which changes run after the main transaction (Change::after_transaction).
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

void expect_none_after_transaction(const Plan& plan) {
  for (const auto& change : plan.changes) EXPECT_FALSE(change.after_transaction) << change.summary;
}

// cases/online_new_index_built_concurrently
TEST(Online, NewIndexOnExistingTableIsBuiltConcurrentlyAfterTheTransaction) {
  const Plan plan = diff(db({users, users_id, users_email}), db({users, users_id, users_email, commented(email_idx, "unique")}),
                         online());
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_TRUE(plan.changes[0].after_transaction);
  EXPECT_EQ(plan.changes[1].action, Change::Action::Comment);
  EXPECT_TRUE(plan.changes[1].after_transaction);
}

// cases/online_index_on_new_table_stays_plain
TEST(Online, IndexOnNewTableStaysInTheTransaction) {
  expect_none_after_transaction(diff(db({}), db({users, users_id, users_email, email_idx}), online()));
}

// cases/online_index_on_partitioned_table_stays_plain
TEST(Online, IndexOnPartitionedTableStaysInTheTransaction) {
  const auto events = table("public", "events", {{"partition_key", "RANGE (at)"}});
  const auto at = column(events, "at", "date", 1);
  const auto idx = depends(index(events, "events_at_idx", "CREATE INDEX events_at_idx ON ONLY public.events USING btree (at)"),
                           {at.key});
  const Plan plan = diff(db({events, at}), db({events, at, idx}), online());
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_FALSE(plan.changes[0].after_transaction);
}

// cases/online_drop_index_concurrently, cases/online_drop_index_with_its_column_stays_plain
TEST(Online, StandaloneIndexDropIsAfterTheTransactionButNotWhenItsColumnGoes) {
  Plan plan = diff(db({users, users_id, users_email, email_idx}), db({users, users_id, users_email}), online());
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_TRUE(plan.changes[0].after_transaction);

  expect_none_after_transaction(diff(db({users, users_id, users_email, email_idx}), db({users, users_id}), online()));
}

// cases/online_foreign_key_and_check_not_valid_then_validated, cases/online_off_foreign_key_and_check_plain
TEST(Online, ValidationOfNewForeignKeyAndCheckIsAfterTheTransaction) {
  const auto orders = table("public", "orders");
  const auto orders_user = column(orders, "user_id", "integer", 1);
  const auto fk = depends(constraint(orders, "orders_user_fk", "f", "FOREIGN KEY (user_id) REFERENCES public.users(id)"),
                          {orders_user.key, users_pkey.key});
  const auto check = depends(constraint(users, "email_check", "c", "CHECK ((email <> ''::text))"), {users_email.key});
  const Catalog from = db({users, users_id, users_email, users_pkey, orders, orders_user});
  const Catalog to = db({users, users_id, users_email, users_pkey, orders, orders_user, fk, check});
  const Plan plan = diff(from, to, online());
  ASSERT_EQ(plan.changes.size(), 4u);
  EXPECT_FALSE(plan.changes[1].after_transaction);
  EXPECT_TRUE(plan.changes[2].after_transaction);
  EXPECT_TRUE(plan.changes[3].after_transaction);

  // Off by default: nothing after the transaction.
  expect_none_after_transaction(diff(from, to));
}

// cases/online_unique_constraint_uses_concurrent_index and the *_stays_plain variants
TEST(Online, NewUniqueConstraintOnExistingTableIsAfterTheTransaction) {
  const auto unique = depends(constraint(users, "users_email_key", "u", "UNIQUE (email)"), {users_email.key});
  const Plan plan = diff(db({users, users_id, users_email}), db({users, users_id, users_email, unique}), online());
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_TRUE(plan.changes[0].after_transaction);

  // Not the plain form, deferrable, or on a new table: left in the transaction.
  for (const auto& other : {constraint(users, "users_email_key", "u", "UNIQUE (email) INCLUDE (id)"),
                            constraint(users, "users_email_key", "u", "UNIQUE NULLS NOT DISTINCT (email)"),
                            constraint(users, "users_email_key", "u", "UNIQUE (email) DEFERRABLE", {{"deferrable", true}})}) {
    const Plan plain = diff(db({users, users_id, users_email}), db({users, users_id, users_email, depends(other, {users_email.key})}),
                            online());
    ASSERT_EQ(plain.changes.size(), 1u);
    EXPECT_FALSE(plain.changes[0].after_transaction) << plain.changes[0].statements[0];
  }
  expect_none_after_transaction(diff(db({}), db({users, users_id, users_email, unique}), online()));
}

// cases/online_set_not_null_through_validated_check
TEST(Online, ColumnMadeNotNullIsValidatedAndSetAfterTheTransaction) {
  const auto required = column(users, "email", "text", 2, {{"not_null", true}});
  const Plan plan = diff(db({users, users_id, users_email}), db({users, users_id, required}), online());
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_FALSE(plan.changes[0].after_transaction);
  EXPECT_TRUE(plan.changes[1].after_transaction);
}

}  // namespace
}  // namespace strata::diff::testing
