#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

const Object users = table("public", "users");
const Object id = column(users, "id", "integer", 1, {{"not_null", true}});

Catalog users_with(const std::vector<Object>& columns) {
  std::vector<Object> objects{users, id};
  objects.insert(objects.end(), columns.begin(), columns.end());
  return db(objects);
}

TEST(Columns, AddAndDrop) {
  const auto email = column(users, "email", "text", 2);
  EXPECT_EQ(sql_for(users_with({}), users_with({email})), "ALTER TABLE public.users ADD COLUMN email text;\n");
  EXPECT_EQ(sql_for(users_with({email}), users_with({})), "ALTER TABLE public.users DROP COLUMN email;\n");
}

TEST(Columns, DroppingAColumnIsDestructiveAddingIsNot) {
  const auto email = column(users, "email", "text", 2);
  const Plan drop = diff(users_with({email}), users_with({}));
  ASSERT_EQ(drop.changes.size(), 1u);
  EXPECT_TRUE(drop.changes[0].destructive);
  EXPECT_EQ(drop.changes[0].summary, "drop column public.users.email");
  const Plan add = diff(users_with({}), users_with({email}));
  EXPECT_FALSE(add.changes[0].destructive);
  EXPECT_EQ(add.changes[0].summary, "add column public.users.email");
}

TEST(Columns, NewColumnCarriesItsDefaultSoExistingRowsGetIt) {
  const auto active = column(users, "active", "boolean", 2, {{"not_null", true}});
  EXPECT_EQ(sql_for(users_with({}), users_with({active, default_value(users, "active", "true")})),
            "ALTER TABLE public.users ADD COLUMN active boolean DEFAULT true NOT NULL;\n");
}

TEST(Columns, DroppedColumnTakesItsDefaultAlong) {
  const auto active = column(users, "active", "boolean", 2);
  EXPECT_EQ(sql_for(users_with({active, default_value(users, "active", "true")}), users_with({})),
            "ALTER TABLE public.users DROP COLUMN active;\n");
}

TEST(Columns, PositionIsIgnored) {
  const auto email = column(users, "email", "text", 2);
  EXPECT_EQ(sql_for(users_with({email}), users_with({with(email, {{"position", 7}})})), "");
}

TEST(Columns, LosslessWideningNeedsNoUsing) {
  const auto count = column(users, "count", "smallint", 2);
  const Plan plan = diff(users_with({count}), users_with({with(count, {{"type", "bigint"}})}));
  EXPECT_EQ(render_sql(plan), "ALTER TABLE public.users ALTER COLUMN count TYPE bigint;\n");
  EXPECT_FALSE(plan.changes[0].destructive);

  const auto name = column(users, "name", "character varying(20)", 2);
  EXPECT_EQ(sql_for(users_with({name}), users_with({with(name, {{"type", "character varying(40)"}})})),
            "ALTER TABLE public.users ALTER COLUMN name TYPE character varying(40);\n");
  EXPECT_EQ(sql_for(users_with({name}), users_with({with(name, {{"type", "text"}})})),
            "ALTER TABLE public.users ALTER COLUMN name TYPE text;\n");
}

TEST(Columns, OtherTypeChangesCastAndAreDestructive) {
  const auto name = column(users, "name", "character varying(40)", 2);
  const Plan narrowing = diff(users_with({name}), users_with({with(name, {{"type", "character varying(20)"}})}));
  EXPECT_EQ(render_sql(narrowing),
            "ALTER TABLE public.users ALTER COLUMN name TYPE character varying(20) USING name::character varying(20);\n");
  EXPECT_TRUE(narrowing.changes[0].destructive);

  const auto seen = column(users, "seen", "timestamp without time zone", 2);
  EXPECT_EQ(sql_for(users_with({seen}), users_with({with(seen, {{"type", "timestamp with time zone"}})})),
            "ALTER TABLE public.users ALTER COLUMN seen TYPE timestamp with time zone USING "
            "seen::timestamp with time zone;\n");
}

TEST(Columns, CollationChangeIsAnAlterType) {
  const auto name = column(users, "name", "text", 2);
  const auto c_name = with(name, {{"collation", "pg_catalog.\"C\""}});
  EXPECT_EQ(sql_for(users_with({name}), users_with({c_name})),
            "ALTER TABLE public.users ALTER COLUMN name TYPE text COLLATE pg_catalog.\"C\";\n");
  EXPECT_EQ(sql_for(users_with({c_name}), users_with({name})),
            "ALTER TABLE public.users ALTER COLUMN name TYPE text COLLATE pg_catalog.\"default\";\n");
}

TEST(Columns, NotNull) {
  const auto email = column(users, "email", "text", 2);
  const auto required = with(email, {{"not_null", true}});
  EXPECT_EQ(sql_for(users_with({email}), users_with({required})),
            "ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;\n");
  EXPECT_EQ(sql_for(users_with({required}), users_with({email})),
            "ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL;\n");
}

const json kIdentityOptions = {{"start", "1"}, {"increment", "1"}, {"min", "1"},
                               {"max", "2147483647"}, {"cache", "1"}, {"cycle", false}};

TEST(Columns, AddIdentityAfterNotNullAndDropItBeforeDroppingNotNull) {
  const auto plain = column(users, "number", "integer", 2);
  const auto identity = with(plain, {{"not_null", true}, {"identity", "by default"}, {"identity_options", kIdentityOptions}});
  EXPECT_EQ(sql_for(users_with({plain}), users_with({identity})),
            "ALTER TABLE public.users ALTER COLUMN number SET NOT NULL;\n"
            "ALTER TABLE public.users ALTER COLUMN number ADD GENERATED BY DEFAULT AS IDENTITY;\n");
  EXPECT_EQ(sql_for(users_with({identity}), users_with({plain})),
            "ALTER TABLE public.users ALTER COLUMN number DROP IDENTITY;\n"
            "ALTER TABLE public.users ALTER COLUMN number DROP NOT NULL;\n");
}

TEST(Columns, IdentityGoesInTheDropPhaseSoASerialSequenceCanTakeItsName) {
  const auto identity = column(users, "number", "integer", 2,
                               {{"not_null", true}, {"identity", "always"}, {"identity_options", kIdentityOptions}});
  const auto seq = sequence("public", "users_number_seq", {{"data_type", "integer"}, {"max", "2147483647"}});
  const auto serial = with(identity, {{"identity", nullptr}, {"identity_options", nullptr}});
  EXPECT_EQ(sql_for(users_with({identity}),
                    users_with({seq, serial,
                                default_value(users, "number", "nextval('public.users_number_seq'::regclass)", {seq.key})})),
            "ALTER TABLE public.users ALTER COLUMN number DROP IDENTITY;\n"
            "CREATE SEQUENCE public.users_number_seq AS integer;\n"
            "ALTER TABLE ONLY public.users ALTER COLUMN number SET DEFAULT nextval('public.users_number_seq'::regclass);\n");
}

TEST(Columns, IdentityKindAndOptions) {
  const auto by_default = column(users, "number", "integer", 2,
                                 {{"not_null", true}, {"identity", "by default"}, {"identity_options", kIdentityOptions}});
  json options = kIdentityOptions;
  options["increment"] = "10";
  options["cycle"] = true;
  EXPECT_EQ(sql_for(users_with({by_default}), users_with({with(by_default, {{"identity", "always"}})})),
            "ALTER TABLE public.users ALTER COLUMN number SET GENERATED ALWAYS;\n");
  EXPECT_EQ(sql_for(users_with({by_default}), users_with({with(by_default, {{"identity_options", options}})})),
            "ALTER TABLE public.users ALTER COLUMN number SET INCREMENT BY 10;\n"
            "ALTER TABLE public.users ALTER COLUMN number SET CYCLE;\n");
}

TEST(Columns, GenerationExpressionChangeDropsAndAddsTheColumn) {
  const auto total = column(users, "total", "integer", 2, {{"generated", "(id * 2)"}});
  const Plan plan = diff(users_with({total}), users_with({with(total, {{"generated", "(id * 3)"}})}));
  EXPECT_EQ(render_sql(plan),
            "ALTER TABLE public.users DROP COLUMN total;\n"
            "ALTER TABLE public.users ADD COLUMN total integer GENERATED ALWAYS AS ((id * 3)) STORED;\n");
  EXPECT_TRUE(plan.changes[0].destructive);
  EXPECT_EQ(plan.warnings.size(), 1u);
}

TEST(Columns, GeneratedColumnBecomesOrdinaryInPlace) {
  const auto total = column(users, "total", "integer", 2, {{"generated", "(id * 2)"}});
  EXPECT_EQ(sql_for(users_with({total}), users_with({with(total, {{"generated", nullptr}})})),
            "ALTER TABLE public.users ALTER COLUMN total DROP EXPRESSION;\n");
}

TEST(Columns, StorageAndCompression) {
  const auto body = column(users, "body", "text", 2);
  EXPECT_EQ(sql_for(users_with({body}), users_with({with(body, {{"storage", "external"}, {"compression", "lz4"}})})),
            "ALTER TABLE public.users ALTER COLUMN body SET STORAGE EXTERNAL;\n"
            "ALTER TABLE public.users ALTER COLUMN body SET COMPRESSION lz4;\n");
  EXPECT_EQ(sql_for(users_with({with(body, {{"storage", "external"}, {"compression", "lz4"}})}), users_with({body})),
            "ALTER TABLE public.users ALTER COLUMN body SET STORAGE EXTENDED;\n"
            "ALTER TABLE public.users ALTER COLUMN body SET COMPRESSION DEFAULT;\n");
}

TEST(Columns, RetypeDropsAndRestoresTheDefault) {
  // PostgreSQL cannot always cast a default to the new type, so it is taken off first.
  const auto code = column(users, "code", "text", 2);
  const auto code_default = default_value(users, "code", "'x'::text");
  EXPECT_EQ(sql_for(users_with({code, code_default}),
                    users_with({with(code, {{"type", "character(1)"}}), default_value(users, "code", "'x'::bpchar")})),
            "ALTER TABLE ONLY public.users ALTER COLUMN code DROP DEFAULT;\n"
            "ALTER TABLE public.users ALTER COLUMN code TYPE character(1) USING code::character(1);\n"
            "ALTER TABLE ONLY public.users ALTER COLUMN code SET DEFAULT 'x'::bpchar;\n");
}

TEST(Defaults, SetChangeAndDrop) {
  const auto email = column(users, "email", "text", 2);
  const auto unknown = default_value(users, "email", "'unknown'::text");
  EXPECT_EQ(sql_for(users_with({email}), users_with({email, unknown})),
            "ALTER TABLE ONLY public.users ALTER COLUMN email SET DEFAULT 'unknown'::text;\n");
  EXPECT_EQ(sql_for(users_with({email, unknown}), users_with({email, default_value(users, "email", "''::text")})),
            "ALTER TABLE ONLY public.users ALTER COLUMN email SET DEFAULT ''::text;\n");
  EXPECT_EQ(sql_for(users_with({email, unknown}), users_with({email})),
            "ALTER TABLE ONLY public.users ALTER COLUMN email DROP DEFAULT;\n");
}

TEST(Defaults, IdentityReplacesADefault) {
  const auto number = column(users, "number", "integer", 2, {{"not_null", true}});
  const auto seq = sequence("public", "number_seq", {{"data_type", "integer"}, {"max", "2147483647"}});
  const auto next = default_value(users, "number", "nextval('public.number_seq'::regclass)", {seq.key});
  const auto identity = with(number, {{"identity", "always"}, {"identity_options", kIdentityOptions}});
  EXPECT_EQ(sql_for(users_with({number, seq, next}), users_with({identity})),
            "ALTER TABLE ONLY public.users ALTER COLUMN number DROP DEFAULT;\n"
            "DROP SEQUENCE public.number_seq;\n"
            "ALTER TABLE public.users ALTER COLUMN number ADD GENERATED ALWAYS AS IDENTITY;\n");
}

}  // namespace
}  // namespace strata::diff::testing

namespace strata::diff::testing {
namespace {

const Object accounts = table("public", "accounts");
const Object accounts_id = column(accounts, "id", "integer", 1, {{"not_null", true}});

TEST(Destructive, ReasonsAndWarnings) {
  const auto email = column(accounts, "email", "text", 2);
  Plan plan = diff(db({accounts, accounts_id, email}), db({accounts, accounts_id}));
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].destructive_reason, "drops column public.accounts.email and its data");

  plan = diff(db({accounts, accounts_id, email}), db({}));
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].destructive_reason, "drops table public.accounts and its rows");

  const auto seq = sequence("public", "s");
  plan = diff(db({seq}), db({}));
  EXPECT_EQ(plan.changes[0].destructive_reason, "drops sequence public.s and its current value");

  // Widening rewrites the table: a warning, not destructive.
  plan = diff(db({accounts, accounts_id}), db({accounts, with(accounts_id, {{"type", "bigint"}})}));
  EXPECT_FALSE(plan.changes[0].destructive);
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find("rewrites table public.accounts"), std::string::npos);
  // varchar widening is binary coercible: no warning.
  const auto name = column(accounts, "name", "character varying(10)", 2);
  EXPECT_TRUE(diff(db({accounts, name}), db({accounts, with(name, {{"type", "text"}})})).warnings.empty());

  // SET NOT NULL can fail, not lose data.
  plan = diff(db({accounts, email}), db({accounts, with(email, {{"not_null", true}})}));
  EXPECT_FALSE(plan.changes[0].destructive);
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find("SET NOT NULL"), std::string::npos);

  // Dropping a view or an index loses no data.
  const auto idx = index(accounts, "i", "CREATE INDEX i ON public.accounts USING btree (id)");
  plan = diff(db({accounts, accounts_id, idx}), db({accounts, accounts_id}));
  EXPECT_FALSE(plan.changes[0].destructive);
  EXPECT_TRUE(plan.changes[0].destructive_reason.empty());
}

}  // namespace
}  // namespace strata::diff::testing
