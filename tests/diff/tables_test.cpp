#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const json kIdentityOptions = {{"start", "1"}, {"increment", "1"}, {"min", "1"},
                               {"max", "2147483647"}, {"cache", "1"}, {"cycle", false}};

TEST(Tables, CreateWritesColumnsInPositionOrderWithInlineDefaults) {
  const auto users = table("public", "users", {{"options", {"fillfactor=70"}}});
  const std::vector<Object> objects{
      users,
      column(users, "created_at", "timestamp with time zone", 3, {{"not_null", true}}),
      column(users, "id", "integer", 1,
             {{"not_null", true}, {"identity", "always"}, {"identity_options", kIdentityOptions}}),
      column(users, "email", "character varying(255)", 2, {{"collation", "pg_catalog.\"C\""}, {"not_null", true}}),
      column(users, "body", "text", 4, {{"storage", "external"}}),
      default_value(users, "created_at", "now()"),
  };
  EXPECT_EQ(sql_for(db({}), db(objects)),
            "CREATE TABLE public.users (\n"
            "    id integer GENERATED ALWAYS AS IDENTITY NOT NULL,\n"
            "    email character varying(255) COLLATE pg_catalog.\"C\" NOT NULL,\n"
            "    created_at timestamp with time zone DEFAULT now() NOT NULL,\n"
            "    body text\n"
            ") WITH (fillfactor=70);\n"
            "ALTER TABLE ONLY public.users ALTER COLUMN body SET STORAGE EXTERNAL;\n");
}

TEST(Tables, CreateUnloggedWithRowLevelSecurity) {
  const auto cache = table("public", "cache", {{"persistence", "unlogged"}, {"rls_enabled", true}, {"rls_forced", true}});
  EXPECT_EQ(sql_for(db({}), db({cache, column(cache, "k", "text", 1)})),
            "CREATE UNLOGGED TABLE public.cache (\n"
            "    k text\n"
            ");\n"
            "ALTER TABLE public.cache ENABLE ROW LEVEL SECURITY;\n"
            "ALTER TABLE public.cache FORCE ROW LEVEL SECURITY;\n");
}

TEST(Tables, DropIsOneStatementAndDestructive) {
  const auto users = table("public", "users");
  const auto objects = db({users, column(users, "id", "integer", 1), column(users, "email", "text", 2),
                           default_value(users, "email", "''::text"),
                           constraint(users, "users_pkey", "p", "PRIMARY KEY (id)"),
                           index(users, "users_email", "CREATE INDEX users_email ON public.users USING btree (email)")});
  const Plan plan = diff(objects, db({}));
  EXPECT_EQ(render_sql(plan), "DROP TABLE public.users;\n");
  EXPECT_TRUE(plan.changes[0].destructive);
  EXPECT_EQ(plan.changes[0].summary, "drop table public.users");
}

TEST(Tables, Persistence) {
  const auto logged = table("public", "t");
  const auto unlogged = with(logged, {{"persistence", "unlogged"}});
  EXPECT_EQ(sql_for(db({logged}), db({unlogged})), "ALTER TABLE public.t SET UNLOGGED;\n");
  EXPECT_EQ(sql_for(db({unlogged}), db({logged})), "ALTER TABLE public.t SET LOGGED;\n");
}

TEST(Tables, RowLevelSecurity) {
  const auto plain = table("public", "t");
  const auto secured = with(plain, {{"rls_enabled", true}, {"rls_forced", true}});
  EXPECT_EQ(sql_for(db({plain}), db({secured})),
            "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;\n"
            "ALTER TABLE public.t FORCE ROW LEVEL SECURITY;\n");
  EXPECT_EQ(sql_for(db({secured}), db({plain})),
            "ALTER TABLE public.t DISABLE ROW LEVEL SECURITY;\n"
            "ALTER TABLE public.t NO FORCE ROW LEVEL SECURITY;\n");
}

TEST(Tables, StorageOptions) {
  const auto before = table("public", "t", {{"options", {"autovacuum_enabled=false", "fillfactor=70"}}});
  const auto after = table("public", "t", {{"options", {"fillfactor=80", "toast_tuple_target=256"}}});
  EXPECT_EQ(sql_for(db({before}), db({after})),
            "ALTER TABLE public.t RESET (autovacuum_enabled);\n"
            "ALTER TABLE public.t SET (fillfactor=80, toast_tuple_target=256);\n");
}

TEST(Tables, AccessMethod) {
  const auto heap = table("public", "t");
  const auto other = with(heap, {{"access_method", "columnar"}});
  EXPECT_EQ(sql_for(db({heap}), db({other})), "ALTER TABLE public.t SET ACCESS METHOD columnar;\n");
  EXPECT_EQ(sql_for(db({other}), db({heap})), "ALTER TABLE public.t SET ACCESS METHOD heap;\n");
}

TEST(Tables, Inheritance) {
  const auto parent = table("public", "parent");
  const auto parent_id = column(parent, "id", "integer", 1);
  const auto child = table("public", "child");
  const auto child_id = column(child, "id", "integer", 1);
  const auto heir = with(child, {{"inherits", {parent.key}}});
  const auto heir_id = with(child_id, {{"inherited", true}});
  EXPECT_EQ(sql_for(db({parent, parent_id, child, child_id}), db({parent, parent_id, heir, heir_id})),
            "ALTER TABLE public.child INHERIT public.parent;\n");
  EXPECT_EQ(sql_for(db({parent, parent_id, heir, heir_id}), db({parent, parent_id, child, child_id})),
            "ALTER TABLE public.child NO INHERIT public.parent;\n");
}

TEST(Tables, NewInheritanceChildListsOnlyItsOwnColumns) {
  const auto parent = table("public", "parent");
  const auto child = table("public", "child", {{"inherits", {parent.key}}});
  const auto objects = db({parent, column(parent, "id", "integer", 1), child,
                           column(child, "id", "integer", 1, {{"inherited", true}}), column(child, "extra", "text", 2),
                           constraint(parent, "positive", "c", "CHECK ((id > 0))"),
                           constraint(child, "positive", "c", "CHECK ((id > 0))", {{"inherited", true}})});
  EXPECT_EQ(sql_for(db({}), objects),
            "CREATE TABLE public.parent (\n"
            "    id integer\n"
            ");\n"
            "CREATE TABLE public.child (\n"
            "    extra text\n"
            ") INHERITS (public.parent);\n"
            "ALTER TABLE public.parent ADD CONSTRAINT positive CHECK ((id > 0));\n");
}

TEST(Tables, ParentColumnChangesRecurseToInheritedColumns) {
  const auto parent = table("public", "parent");
  const auto child = table("public", "child", {{"inherits", {parent.key}}});
  auto catalog_with = [&](const std::string& type, bool add) {
    std::vector<Object> objects{parent, column(parent, "id", type, 1), child,
                                column(child, "id", type, 1, {{"inherited", true}})};
    if (add) {
      objects.push_back(column(parent, "note", "text", 2));
      objects.push_back(column(child, "note", "text", 2, {{"inherited", true}}));
    }
    return db(objects);
  };
  EXPECT_EQ(sql_for(catalog_with("integer", false), catalog_with("bigint", true)),
            "ALTER TABLE public.parent ALTER COLUMN id TYPE bigint;\n"
            "ALTER TABLE public.parent ADD COLUMN note text;\n");
  EXPECT_EQ(sql_for(catalog_with("integer", true), catalog_with("integer", false)),
            "ALTER TABLE public.parent DROP COLUMN note;\n");
}

// ---- partitions ---------------------------------------------------------------------------

struct Partitioned {
  Object payment = table("public", "payment", {{"partition_key", "RANGE (paid_on)"}});
  Object payment_id = column(payment, "id", "integer", 1, {{"not_null", true}});
  Object payment_paid_on = column(payment, "paid_on", "date", 2, {{"not_null", true}});
  Object payment_pkey = constraint(payment, "payment_pkey", "p", "PRIMARY KEY (id, paid_on)");
  Object payment_idx = index(payment, "payment_paid_on_idx",
                             "CREATE INDEX payment_paid_on_idx ON ONLY public.payment USING btree (paid_on)");

  Object partition(const std::string& name, const std::string& bound) const {
    return table("public", name, {{"partition_of", payment.key}, {"partition_bound", bound}});
  }
  // A partition as introspection sees it once attached: its columns and constraints inherited,
  // its index attached to the parent's.
  std::vector<Object> attached(const Object& part) const {
    return {part,
            column(part, "id", "integer", 1, {{"not_null", true}, {"inherited", true}}),
            column(part, "paid_on", "date", 2, {{"not_null", true}, {"inherited", true}}),
            constraint(part, part.name + "_pkey", "p", "PRIMARY KEY (id, paid_on)",
                       {{"inherited", true}, {"parent_constraint", payment_pkey.key}}),
            index(part, part.name + "_paid_on_idx",
                  "CREATE INDEX " + part.name + "_paid_on_idx ON public." + part.name + " USING btree (paid_on)",
                  {{"parent_index", payment_idx.key}})};
  }
  std::vector<Object> parent() const { return {payment, payment_id, payment_paid_on, payment_pkey, payment_idx}; }
  Catalog with_partitions(const std::vector<Object>& partitions) const {
    std::vector<Object> objects = parent();
    for (const auto& part : partitions) {
      for (const auto& object : attached(part)) objects.push_back(object);
    }
    return db(objects);
  }
};

const std::string k2024 = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')";

TEST(Partitions, NewPartitionIsCreatedStandaloneThenAttachedAfterItsIndexes) {
  const Partitioned p;
  EXPECT_EQ(sql_for(db({}), p.with_partitions({p.partition("payment_2024", k2024)})),
            "CREATE TABLE public.payment (\n"
            "    id integer NOT NULL,\n"
            "    paid_on date NOT NULL\n"
            ") PARTITION BY RANGE (paid_on);\n"
            "CREATE TABLE public.payment_2024 (\n"
            "    id integer NOT NULL,\n"
            "    paid_on date NOT NULL\n"
            ");\n"
            "ALTER TABLE public.payment ADD CONSTRAINT payment_pkey PRIMARY KEY (id, paid_on);\n"
            "ALTER TABLE public.payment_2024 ADD CONSTRAINT payment_2024_pkey PRIMARY KEY (id, paid_on);\n"
            "CREATE INDEX payment_paid_on_idx ON ONLY public.payment USING btree (paid_on);\n"
            "CREATE INDEX payment_2024_paid_on_idx ON public.payment_2024 USING btree (paid_on);\n"
            "ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2024 "
            "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n");
}

TEST(Partitions, PartitionAddedToExistingParent) {
  const Partitioned p;
  EXPECT_EQ(sql_for(p.with_partitions({}), p.with_partitions({p.partition("payment_2024", k2024)})),
            "CREATE TABLE public.payment_2024 (\n"
            "    id integer NOT NULL,\n"
            "    paid_on date NOT NULL\n"
            ");\n"
            "ALTER TABLE public.payment_2024 ADD CONSTRAINT payment_2024_pkey PRIMARY KEY (id, paid_on);\n"
            "CREATE INDEX payment_2024_paid_on_idx ON public.payment_2024 USING btree (paid_on);\n"
            "ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2024 "
            "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n");
}

TEST(Partitions, DroppingTheParentDropsItsPartitions) {
  const Partitioned p;
  EXPECT_EQ(sql_for(p.with_partitions({p.partition("payment_2024", k2024)}), db({})), "DROP TABLE public.payment;\n");
}

TEST(Partitions, DroppingOnePartition) {
  const Partitioned p;
  EXPECT_EQ(sql_for(p.with_partitions({p.partition("payment_2024", k2024)}), p.with_partitions({})),
            "DROP TABLE public.payment_2024;\n");
}

TEST(Partitions, NewIndexOnAttachedPartitionsIsAttachedExplicitly) {
  const Partitioned p;
  const auto part = p.partition("payment_2024", k2024);
  Catalog before = p.with_partitions({part});
  Catalog after = p.with_partitions({part});
  after.add(index(p.payment, "payment_id_idx", "CREATE INDEX payment_id_idx ON ONLY public.payment USING btree (id)"));
  after.add(index(part, "payment_2024_id_idx", "CREATE INDEX payment_2024_id_idx ON public.payment_2024 USING btree (id)",
                  {{"parent_index", "index:public.payment_id_idx"}}));
  EXPECT_EQ(sql_for(before, after),
            "CREATE INDEX payment_id_idx ON ONLY public.payment USING btree (id);\n"
            "CREATE INDEX payment_2024_id_idx ON public.payment_2024 USING btree (id);\n"
            "ALTER INDEX public.payment_id_idx ATTACH PARTITION public.payment_2024_id_idx;\n");
}

TEST(Partitions, BoundChangeDetachesFirstAndAttachesLast) {
  const Partitioned p;
  const std::string k2024h1 = "FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')";
  EXPECT_EQ(sql_for(p.with_partitions({p.partition("payment_2024", k2024)}),
                    p.with_partitions({p.partition("payment_2024", k2024h1)})),
            "ALTER TABLE public.payment DETACH PARTITION public.payment_2024;\n"
            "ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2024 "
            "FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');\n");
}

TEST(Partitions, StandaloneTableBecomesAPartition) {
  const Partitioned p;
  const auto standalone = table("public", "payment_2024");
  const auto as_partition = p.partition("payment_2024", k2024);
  std::vector<Object> before = p.parent();
  for (const auto& object : p.attached(as_partition)) {
    Object local = object.key == as_partition.key ? standalone : object;
    if (local.kind == model::Kind::Column) local.attrs["inherited"] = false;
    if (local.kind == model::Kind::Constraint) local = with(local, {{"inherited", false}, {"parent_constraint", nullptr}});
    if (local.kind == model::Kind::Index) local.attrs["parent_index"] = nullptr;
    before.push_back(local);
  }
  EXPECT_EQ(sql_for(db(before), p.with_partitions({as_partition})),
            "ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2024 "
            "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n");
  EXPECT_EQ(sql_for(p.with_partitions({as_partition}), db(before)),
            "ALTER TABLE public.payment DETACH PARTITION public.payment_2024;\n");
}

TEST(Partitions, PartitionKeyChangeRecreatesTheTableAndSaysSo) {
  const auto by_range = table("public", "events", {{"partition_key", "RANGE (at)"}});
  const auto by_hash = with(by_range, {{"partition_key", "HASH (at)"}});
  const auto at = column(by_range, "at", "date", 1);
  const Plan plan = diff(db({by_range, at}), db({by_hash, at}));
  EXPECT_EQ(render_sql(plan),
            "DROP TABLE public.events;\n"
            "CREATE TABLE public.events (\n"
            "    at date\n"
            ") PARTITION BY HASH (at);\n");
  EXPECT_TRUE(plan.changes[0].destructive);
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find("partition key"), std::string::npos);
}

}  // namespace
}  // namespace strata::diff::testing
