// Declared renames, NOT VALID constraints and concurrent index builds against real PostgreSQL:
// the plan keeps the rows, and the database ends up exactly as declared.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "roundtrip_support.h"
#include "strata/diff.h"
#include "test_cluster.h"

namespace strata::roundtrip {
namespace {

const char* kSource = R"sql(
CREATE TABLE users (
  id integer PRIMARY KEY,
  mail text NOT NULL,
  name character varying(20)
);
CREATE INDEX users_mail_idx ON users (mail);
CREATE VIEW user_mails AS SELECT id, mail FROM users;
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id), note text);
CREATE INDEX orders_note_idx ON orders (note);
INSERT INTO users VALUES (1, 'a@example.com', 'Ann'), (2, 'b@example.com', 'Bob'), (3, 'c@example.com', NULL);
INSERT INTO orders VALUES (10, 1, 'first'), (11, 2, 'second'), (12, NULL, NULL);
)sql";

const char* kRenamed = R"sql(
-- strata:renamed-from users
CREATE TABLE accounts (
  id integer,
  -- strata:renamed-from mail
  email text NOT NULL,
  -- strata:renamed-from name
  full_name character varying(40),
  CONSTRAINT users_pkey PRIMARY KEY (id)
);
CREATE INDEX users_mail_idx ON accounts (email);
CREATE VIEW user_mails AS SELECT id, email AS mail FROM accounts;
CREATE TABLE orders (
  id integer PRIMARY KEY,
  user_id integer CONSTRAINT orders_user_id_fkey REFERENCES accounts (id),
  -- strata:renamed-from note
  remark text
);
CREATE INDEX orders_note_idx ON orders (remark);
)sql";

// The source plus: new indexes (one unique), a new CHECK and a new foreign key on the existing
// tables, one index dropped.
const char* kHardened = R"sql(
CREATE TABLE users (
  id integer PRIMARY KEY,
  mail text NOT NULL CONSTRAINT mail_has_at CHECK (mail LIKE '%@%'),
  name character varying(20)
);
CREATE UNIQUE INDEX users_mail_key ON users (mail);
CREATE INDEX users_name_idx ON users (lower(name)) WHERE name IS NOT NULL;
CREATE VIEW user_mails AS SELECT id, mail FROM users;
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id), note text,
                     CONSTRAINT orders_id_user_fk FOREIGN KEY (id) REFERENCES orders (id));
CREATE INDEX orders_note_idx ON orders (note);
)sql";

model::Catalog load_target(const std::string& sql, std::vector<load::SchemaPragma>* pragmas = nullptr) {
  auto loaded = load::load_schema(testing::shared_cluster(), {{"target.sql", sql}});
  if (pragmas) *pragmas = loaded.pragmas;
  return loaded.catalog;
}

// Runs the main changes in one transaction, then each after_transaction change on its own.
void apply_plan(const std::string& database, const diff::Plan& plan) {
  pqxx::connection conn(testing::shared_cluster().connection_string(database));
  {
    pqxx::work tx(conn);
    for (const auto& change : plan.changes) {
      if (change.after_transaction) continue;
      for (const auto& statement : change.statements) tx.exec0(statement);
    }
    tx.commit();
  }
  for (const auto& change : plan.changes) {
    if (!change.after_transaction) continue;
    for (const auto& statement : change.statements) {
      pqxx::nontransaction tx(conn);
      tx.exec0(statement);
    }
  }
}

std::string plan_text(const diff::Plan& plan) {
  std::string text;
  for (const auto& change : plan.changes) {
    text += change.after_transaction ? "[after] " : "";
    for (const auto& statement : change.statements) text += statement + ";\n";
  }
  return text;
}

TEST(Renames, DeclaredRenamesKeepTheRowsAndReachTheTarget) {
  create_database_with("rn_renamed", {{"source.sql", kSource}});
  const auto users_before = fingerprint("rn_renamed", "public.users", {"id", "mail", "name"});
  const auto orders_before = fingerprint("rn_renamed", "public.orders", {"id", "user_id", "note"});
  ASSERT_EQ(users_before.rows, 3);

  std::vector<load::SchemaPragma> pragmas;
  const auto target = load_target(kRenamed, &pragmas);
  ASSERT_EQ(pragmas.size(), 4u);
  diff::Options options;
  options.renames = load::renames_from_pragmas(pragmas);
  EXPECT_EQ(options.renames.at("column:public.accounts.email"), "column:public.users.mail");

  const diff::Plan plan = diff::diff(introspect_database("rn_renamed"), target, options);
  const std::string sql = diff::render_sql(plan);
  EXPECT_EQ(sql.find("DROP TABLE"), std::string::npos) << sql;
  EXPECT_EQ(sql.find("DROP COLUMN"), std::string::npos) << sql;
  for (const auto& change : plan.changes) EXPECT_FALSE(change.destructive) << change.summary;
  ASSERT_NO_THROW(apply_sql("rn_renamed", sql)) << sql;

  const auto users_after = fingerprint("rn_renamed", "public.accounts", {"id", "email", "full_name"});
  EXPECT_EQ(users_after.rows, users_before.rows);
  EXPECT_EQ(users_after.digest, users_before.digest);
  const auto orders_after = fingerprint("rn_renamed", "public.orders", {"id", "user_id", "remark"});
  EXPECT_EQ(orders_after.digest, orders_before.digest);

  const auto actual = introspect_database("rn_renamed");
  EXPECT_EQ(comparable(target), comparable(actual)) << sql << describe_differences(target, actual);
  EXPECT_EQ(diff::render_sql(diff::diff(actual, target)), "");

  // The view over the renamed column: after the renames alone, PostgreSQL already prints the
  // declared definition (`accounts.email AS mail`).
  create_database_with("rn_renames_only", {{"source.sql", kSource}});
  diff::Plan renames_only = plan;
  renames_only.changes.clear();
  for (const auto& change : plan.changes) {
    if (change.summary.rfind("rename ", 0) == 0) renames_only.changes.push_back(change);
  }
  apply_sql("rn_renames_only", diff::render_sql(renames_only));
  const auto renamed_only = introspect_database("rn_renames_only");
  const auto* view = renamed_only.find("view:public.user_mails");
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(view->attrs["definition"], target.find("view:public.user_mails")->attrs["definition"]);
  testing::shared_cluster().drop_database("rn_renames_only");
  testing::shared_cluster().drop_database("rn_renamed");
}

// A schema, a type and a function renamed, nothing else changed: the plan is the three renames
// and nothing more (every reference follows them, as PostgreSQL's own references do), the rows
// stay, and the down plan (the pragmas reversed, as `strata generate` writes it) renames back.
const char* kShop = R"sql(
CREATE SCHEMA shop;
CREATE TYPE shop.mood AS ENUM ('sad', 'shop.happy');
CREATE DOMAIN shop.stars AS integer CHECK (VALUE BETWEEN 0 AND 5);
CREATE FUNCTION shop.grade(m shop.mood) RETURNS shop.stars LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN m = 'sad' THEN 1 ELSE 5 END $$;
CREATE TABLE shop.reviews (id integer PRIMARY KEY, mood shop.mood NOT NULL DEFAULT 'sad',
                           stars shop.stars GENERATED ALWAYS AS (shop.grade(mood)) STORED,
                           note text DEFAULT 'shop.grade(shop.mood)');
CREATE INDEX reviews_grade ON shop.reviews (shop.grade(mood));
CREATE VIEW shop.happy_reviews AS SELECT id, shop.grade(mood) AS stars FROM shop.reviews WHERE mood = 'shop.happy';
ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT SELECT ON TABLES TO PUBLIC;
GRANT EXECUTE ON FUNCTION shop.grade(shop.mood) TO PUBLIC;
)sql";

const char* kStore = R"sql(
-- strata:renamed-from shop
CREATE SCHEMA store;
-- strata:renamed-from mood
CREATE TYPE store.feeling AS ENUM ('sad', 'shop.happy');
CREATE DOMAIN store.stars AS integer CHECK (VALUE BETWEEN 0 AND 5);
-- strata:renamed-from grade
CREATE FUNCTION store.rate(m store.feeling) RETURNS store.stars LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN m = 'sad' THEN 1 ELSE 5 END $$;
CREATE TABLE store.reviews (id integer PRIMARY KEY, mood store.feeling NOT NULL DEFAULT 'sad',
                            stars store.stars GENERATED ALWAYS AS (store.rate(mood)) STORED,
                            note text DEFAULT 'shop.grade(shop.mood)');
CREATE INDEX reviews_grade ON store.reviews (store.rate(mood));
CREATE VIEW store.happy_reviews AS SELECT id, store.rate(mood) AS stars FROM store.reviews WHERE mood = 'shop.happy';
ALTER DEFAULT PRIVILEGES IN SCHEMA store GRANT SELECT ON TABLES TO PUBLIC;
GRANT EXECUTE ON FUNCTION store.rate(store.feeling) TO PUBLIC;
)sql";

TEST(Renames, SchemasTypesAndFunctionsRenameAlone) {
  create_database_with("rn_shop", {{"source.sql", std::string(kShop) +
                                                      "INSERT INTO shop.reviews (id, mood) VALUES (1, 'sad'), (2, 'shop.happy');"}});
  const auto source = introspect_database("rn_shop");
  const auto before = fingerprint("rn_shop", "shop.reviews", {"id", "mood", "stars", "note"});
  std::vector<load::SchemaPragma> pragmas;
  const auto target = load_target(kStore, &pragmas);
  diff::Options up;
  up.renames = load::renames_from_pragmas(pragmas);
  EXPECT_EQ(up.renames.at("function:store.rate"), "function:shop.grade");

  const diff::Plan plan = diff::diff(source, target, up);
  const std::string text = plan_text(plan);
  EXPECT_EQ(text,
            "ALTER SCHEMA shop RENAME TO store;\n"
            "ALTER TYPE store.mood RENAME TO feeling;\n"
            "ALTER ROUTINE store.grade(store.feeling) RENAME TO rate;\n");
  ASSERT_NO_THROW(apply_plan("rn_shop", plan)) << text;
  const auto renamed = introspect_database("rn_shop");
  EXPECT_EQ(comparable(target), comparable(renamed)) << text << describe_differences(target, renamed);
  EXPECT_EQ(fingerprint("rn_shop", "store.reviews", {"id", "mood", "stars", "note"}).digest, before.digest);

  diff::Options down;
  for (const auto& [new_key, old_key] : up.renames) down.renames[old_key] = new_key;
  const diff::Plan back = diff::diff(renamed, source, down);
  EXPECT_EQ(plan_text(back),
            "ALTER SCHEMA store RENAME TO shop;\n"
            "ALTER TYPE shop.feeling RENAME TO mood;\n"
            "ALTER ROUTINE shop.rate(shop.mood) RENAME TO grade;\n");
  ASSERT_NO_THROW(apply_plan("rn_shop", back));
  const auto restored = introspect_database("rn_shop");
  EXPECT_EQ(comparable(source), comparable(restored)) << describe_differences(source, restored);
  EXPECT_EQ(fingerprint("rn_shop", "shop.reviews", {"id", "mood", "stars", "note"}).digest, before.digest);
  testing::shared_cluster().drop_database("rn_shop");
}

TEST(Renames, WithoutPragmasTheSameChangeIsDropAndAddWithAHint) {
  create_database_with("rn_hint", {{"source.sql", kSource}});
  const auto target = load_target(kRenamed);
  // Undeclared, the table rename cannot be guessed: it is a new table (with a hint for orders.note).
  const diff::Plan plan = diff::diff(introspect_database("rn_hint"), target);
  ASSERT_EQ(plan.hints.size(), 1u);
  EXPECT_NE(plan.hints[0].find("public.orders: column 'note' dropped and 'remark' added"), std::string::npos);
  testing::shared_cluster().drop_database("rn_hint");
}

TEST(Renames, OnlineIndexesAndNotValidConstraintsReachTheTarget) {
  create_database_with("rn_online", {{"source.sql", kSource}});
  const auto target = load_target(kHardened);
  diff::Options options;
  options.online_index_builds = true;
  options.not_valid_constraints = true;
  const diff::Plan plan = diff::diff(introspect_database("rn_online"), target, options);
  const std::string text = plan_text(plan);
  EXPECT_NE(text.find("[after] CREATE UNIQUE INDEX CONCURRENTLY users_mail_key"), std::string::npos) << text;
  EXPECT_NE(text.find("[after] CREATE INDEX CONCURRENTLY users_name_idx"), std::string::npos) << text;
  EXPECT_NE(text.find("[after] DROP INDEX CONCURRENTLY public.users_mail_idx"), std::string::npos) << text;
  EXPECT_NE(text.find("CHECK ((mail ~~ '%@%'::text)) NOT VALID"), std::string::npos) << text;
  EXPECT_NE(text.find("[after] ALTER TABLE public.users VALIDATE CONSTRAINT mail_has_at"), std::string::npos) << text;
  EXPECT_NE(text.find("[after] ALTER TABLE public.orders VALIDATE CONSTRAINT orders_id_user_fk"), std::string::npos) << text;

  ASSERT_NO_THROW(apply_plan("rn_online", plan)) << text;
  const auto actual = introspect_database("rn_online");
  EXPECT_EQ(comparable(target), comparable(actual)) << text << describe_differences(target, actual);
  EXPECT_EQ(diff::render_sql(diff::diff(actual, target)), "");
  EXPECT_EQ(fingerprint("rn_online", "public.users", {"id", "mail", "name"}).rows, 3);
  testing::shared_cluster().drop_database("rn_online");
}

}  // namespace
}  // namespace strata::roundtrip
