// Plan-wide properties that golden cases (cases/ordering_*) cannot show: the same bytes whatever
// the order of the catalog's objects, and refusals of catalogs PostgreSQL cannot hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "builders.h"

namespace strata::diff::testing {
namespace {

// A small schema exercising most kinds and dependencies (cases/ordering_create_phase_follows_dependencies).
std::vector<Object> shop() {
  const auto app = schema("app");
  const auto status = enum_type("app", "status", {"new", "paid"});
  const auto seq = sequence("app", "orders_id_seq");
  const auto customers = table("app", "customers");
  const auto customers_id = column(customers, "id", "integer", 1, {{"not_null", true}});
  const auto customers_pkey = depends(constraint(customers, "customers_pkey", "p", "PRIMARY KEY (id)"), {customers_id.key});
  const auto orders = table("app", "orders");
  const auto orders_id = column(orders, "id", "integer", 1, {{"not_null", true}});
  const auto orders_customer = column(orders, "customer_id", "integer", 2);
  const auto orders_status = depends(column(orders, "status", "app.status", 3), {status.key});
  const auto orders_default = default_value(orders, "id", "nextval('app.orders_id_seq'::regclass)", {seq.key});
  const auto orders_fk = depends(constraint(orders, "orders_customer_fk", "f",
                                            "FOREIGN KEY (customer_id) REFERENCES app.customers(id)"),
                                 {customers_pkey.key, orders_customer.key});
  const auto paid = depends(view("app", "paid", " SELECT orders.id\n   FROM app.orders\n  WHERE (orders.status = 'paid'::app.status);",
                                 json::array({{{"name", "id"}, {"type", "integer"}}})),
                            {orders.key, orders_id.key, orders_status.key, status.key});
  return {app,        status,          seq,           customers, customers_id, customers_pkey, orders, orders_id,
          orders_customer, orders_status, orders_default, orders_fk, paid, sequence_owner(seq, orders, "id")};
}

TEST(Ordering, SameInputsInAnyOrderGiveTheSameBytes) {
  auto objects = shop();
  const std::string expected = sql_for(db({}), db(objects));
  const std::string expected_drop = sql_for(db(objects), db({}));
  std::mt19937 random(42);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(objects.begin(), objects.end(), random);
    for (auto& object : objects) std::shuffle(object.depends_on.begin(), object.depends_on.end(), random);
    EXPECT_EQ(sql_for(db({}), db(objects)), expected);
    EXPECT_EQ(sql_for(db(objects), db({})), expected_drop);
  }
}

TEST(Ordering, CycleInTheTargetIsReported) {
  // Two views on each other: a catalog PostgreSQL cannot hold.
  const auto a = depends(view("public", "a", " SELECT 1;", json::array()), {"view:public.b"});
  const auto b = depends(view("public", "b", " SELECT 1;", json::array()), {"view:public.a"});
  try {
    diff(db({}), db({a, b}));
    FAIL() << "expected a DiffError";
  } catch (const DiffError& error) {
    EXPECT_EQ(std::string(error.what()),
              "dependency cycle in the target catalog: view:public.a -> view:public.b -> view:public.a "
              "(each depends on the next)");
    EXPECT_EQ(error.object_key, "view:public.a");
  }
}

TEST(Ordering, RemovedTypeStillUsedByAKeptColumnIsRefused) {
  // The column keeps its type in B only by name: that cannot be, so the diff says so.
  const auto mood = enum_type("public", "mood", {"a"});
  const auto t = table("public", "t");
  const auto c = depends(column(t, "c", "public.mood", 1), {mood.key});
  EXPECT_THROW(diff(db({mood, t, c}), db({t, c})), DiffError);
}

}  // namespace
}  // namespace strata::diff::testing
