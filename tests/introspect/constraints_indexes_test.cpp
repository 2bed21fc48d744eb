// Table constraints and indexes.
#include "introspect_test_support.h"

namespace strata::introspect::testing {
namespace {

using model::Kind;
using nlohmann::json;
using Keys = std::vector<std::string>;

using ConstraintsAndIndexes = IntrospectTest;

// A constraint's attrs with the usual values, plus `changes`.
json constraint_attrs(const std::string& type, const std::string& definition,
                      json changes = json::object()) {
  json attrs = {{"type", type}, {"definition", definition}, {"deferrable", false},
                {"deferred", false}, {"validated", true}, {"inherited", false},
                {"parent_constraint", nullptr}, {"index", nullptr}, {"columns", nullptr},
                {"referenced_table", nullptr}, {"referenced_columns", nullptr}, {"replica_identity", false},
                {"clustered", false}};
  attrs.update(changes);
  return attrs;
}

constexpr const char* kShop = R"sql(
  CREATE TABLE public.customers (id integer PRIMARY KEY, email text,
    CONSTRAINT customers_email_key UNIQUE NULLS NOT DISTINCT (email));
  CREATE TABLE public.orders (
    id bigint PRIMARY KEY,
    customer_id integer,
    amount numeric(10,2),
    during tstzrange,
    CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES public.customers (id)
      ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
  );
  ALTER TABLE public.orders ADD CONSTRAINT positive_amount CHECK (amount > 0) NOT VALID;
)sql";

TEST_F(ConstraintsAndIndexes, PrimaryKeyAndUniqueNullsNotDistinct) {
  const auto catalog = catalog_after(kShop);
  const auto& primary_key = object_at(catalog, "constraint:public.customers.customers_pkey");
  EXPECT_EQ(primary_key.kind, Kind::Constraint);
  EXPECT_EQ(primary_key.parent, "table:public.customers");
  EXPECT_EQ(primary_key.attrs, constraint_attrs("p", "PRIMARY KEY (id)",
                                                {{"index", "index:public.customers_pkey"}, {"columns", {"id"}}}));
  EXPECT_EQ(primary_key.depends_on, Keys{"column:public.customers.id"});
  EXPECT_EQ(object_at(catalog, "constraint:public.customers.customers_email_key").attrs,
            constraint_attrs("u", "UNIQUE NULLS NOT DISTINCT (email)",
                             {{"index", "index:public.customers_email_key"}, {"columns", {"email"}}}));
  // A constraint's index is part of the constraint.
  EXPECT_EQ(keys_of_kind(catalog, Kind::Index), Keys{});
}

TEST_F(ConstraintsAndIndexes, ForeignKeyDependsOnTheReferencedKey) {
  const auto catalog = catalog_after(kShop);
  const auto& foreign_key = object_at(catalog, "constraint:public.orders.orders_customer_fkey");
  EXPECT_EQ(foreign_key.attrs,
            constraint_attrs("f",
                             "FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE "
                             "CASCADE DEFERRABLE INITIALLY DEFERRED",
                             {{"deferrable", true}, {"deferred", true}, {"columns", {"customer_id"}},
                              {"referenced_table", "table:public.customers"}, {"referenced_columns", {"id"}}}));
  EXPECT_EQ(foreign_key.depends_on,
            (Keys{"column:public.customers.id", "column:public.orders.customer_id",
                  "constraint:public.customers.customers_pkey"}));
}

TEST_F(ConstraintsAndIndexes, ExclusionAndNotValidCheck) {
  const auto catalog = catalog_after(kShop);
  EXPECT_EQ(object_at(catalog, "constraint:public.orders.no_overlap").attrs,
            constraint_attrs("x", "EXCLUDE USING gist (during WITH &&)",
                             {{"index", "index:public.no_overlap"}}));
  const auto& check = object_at(catalog, "constraint:public.orders.positive_amount");
  EXPECT_EQ(check.attrs, constraint_attrs("c", "CHECK ((amount > (0)::numeric)) NOT VALID",
                                          {{"validated", false}}));
  EXPECT_EQ(check.depends_on, Keys{"column:public.orders.amount"});
}

TEST_F(ConstraintsAndIndexes, InheritedCheck) {
  const auto catalog = catalog_after(R"sql(
    CREATE TABLE public.base (n int CHECK (n > 0));
    CREATE TABLE public.derived () INHERITS (public.base);
  )sql");
  EXPECT_EQ(object_at(catalog, "constraint:public.derived.base_n_check").attrs,
            constraint_attrs("c", "CHECK ((n > 0))", {{"inherited", true}}));
}

TEST_F(ConstraintsAndIndexes, PartitionConstraintsAndForeignKeysToPartitionedTables) {
  const auto catalog = catalog_after(R"sql(
    CREATE TABLE public.parted (id int, k int, PRIMARY KEY (id, k)) PARTITION BY LIST (k);
    CREATE TABLE public.parted_1 PARTITION OF public.parted FOR VALUES IN (1);
    CREATE TABLE public.parted_2 PARTITION OF public.parted FOR VALUES IN (2);
    CREATE TABLE public.refs (pid int, pk int, FOREIGN KEY (pid, pk) REFERENCES public.parted);
  )sql");
  const auto& child_key = object_at(catalog, "constraint:public.parted_1.parted_1_pkey");
  EXPECT_EQ(child_key.attrs, constraint_attrs("p", "PRIMARY KEY (id, k)", {
      {"inherited", true}, {"parent_constraint", "constraint:public.parted.parted_pkey"},
      {"index", "index:public.parted_1_pkey"}, {"columns", {"id", "k"}}}));
  EXPECT_EQ(child_key.depends_on,
            (Keys{"column:public.parted_1.id", "column:public.parted_1.k",
                  "constraint:public.parted.parted_pkey"}));
  // PostgreSQL's clones of the foreign key for each referenced partition are not modelled.
  EXPECT_EQ(keys_of_kind(catalog, Kind::Constraint),
            (Keys{"constraint:public.parted.parted_pkey", "constraint:public.parted_1.parted_1_pkey",
                  "constraint:public.parted_2.parted_2_pkey", "constraint:public.refs.refs_pid_pk_fkey"}));
  EXPECT_EQ(object_at(catalog, "constraint:public.refs.refs_pid_pk_fkey").attrs,
            constraint_attrs("f", "FOREIGN KEY (pid, pk) REFERENCES public.parted(id, k)",
                             {{"columns", {"pid", "pk"}}, {"referenced_table", "table:public.parted"},
                              {"referenced_columns", {"id", "k"}}}));
  EXPECT_EQ(object_at(catalog, "constraint:public.refs.refs_pid_pk_fkey").depends_on,
            (Keys{"column:public.parted.id", "column:public.parted.k", "column:public.refs.pid",
                  "column:public.refs.pk", "constraint:public.parted.parted_pkey"}));
}

TEST_F(ConstraintsAndIndexes, PartialExpressionIncludeDescendingIndex) {
  const auto catalog = catalog_after(std::string(kShop) + R"sql(
    CREATE INDEX orders_big ON public.orders (customer_id DESC, (lower(during)))
      INCLUDE (amount) WHERE amount > 100;
    CREATE UNIQUE INDEX customers_lower_email ON public.customers (lower(email));
  )sql");
  const auto& index = object_at(catalog, "index:public.orders_big");
  EXPECT_EQ(index.kind, Kind::Index);
  EXPECT_EQ(index.schema, "public");
  EXPECT_EQ(index.name, "orders_big");
  EXPECT_EQ(index.parent, "table:public.orders");
  EXPECT_EQ(index.attrs, (json{{"definition",
                                "CREATE INDEX orders_big ON public.orders USING btree (customer_id "
                                "DESC, lower(during)) INCLUDE (amount) WHERE (amount > (100)::numeric)"},
                               {"unique", false}, {"parent_index", nullptr}, {"columns", nullptr},
                               {"partial", true}, {"replica_identity", false}, {"clustered", false}, {"column_statistics", nullptr}}));
  EXPECT_EQ(index.depends_on, (Keys{"column:public.orders.amount", "column:public.orders.customer_id",
                                    "column:public.orders.during"}));
  EXPECT_EQ(object_at(catalog, "index:public.customers_lower_email").attrs,
            (json{{"definition",
                   "CREATE UNIQUE INDEX customers_lower_email ON public.customers USING btree (lower(email))"},
                  {"unique", true}, {"parent_index", nullptr}, {"columns", nullptr}, {"partial", false}, {"replica_identity", false}, {"clustered", false}, {"column_statistics", nullptr}}));
}

TEST_F(ConstraintsAndIndexes, KeyColumnsInKeyOrder) {
  const auto catalog = catalog_after(R"sql(
    CREATE TABLE public.pairs (a int, "B c" text, z int, PRIMARY KEY (z, a), UNIQUE ("B c", z));
    CREATE TABLE public.links (x int, y int, FOREIGN KEY (y, x) REFERENCES public.pairs (a, z));
    CREATE UNIQUE INDEX pairs_a_z ON public.pairs (a DESC, z) INCLUDE ("B c");
    CREATE UNIQUE INDEX pairs_partial ON public.pairs (a) WHERE z > 0;
  )sql");
  EXPECT_EQ(object_at(catalog, "constraint:public.pairs.pairs_pkey").attrs["columns"], json({"z", "a"}));
  EXPECT_EQ(object_at(catalog, "constraint:public.pairs.pairs_B c_z_key").attrs["columns"], json({"B c", "z"}));
  const auto& link = object_at(catalog, "constraint:public.links.links_y_x_fkey").attrs;
  EXPECT_EQ(link["columns"], json({"y", "x"}));
  EXPECT_EQ(link["referenced_table"], "table:public.pairs");
  EXPECT_EQ(link["referenced_columns"], json({"a", "z"}));
  EXPECT_EQ(object_at(catalog, "index:public.pairs_a_z").attrs["columns"], json({"a", "z"}));
  EXPECT_EQ(object_at(catalog, "index:public.pairs_a_z").attrs["partial"], false);
  EXPECT_EQ(object_at(catalog, "index:public.pairs_partial").attrs["partial"], true);
}

}  // namespace
}  // namespace strata::introspect::testing
