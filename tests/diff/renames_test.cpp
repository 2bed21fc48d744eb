#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

std::string sql_with(const Catalog& from, const Catalog& to, const std::map<std::string, std::string>& renames) {
  Options options;
  options.renames = renames;
  return render_sql(diff(from, to, options));
}

const Object users = table("public", "users");
const Object users_id = column(users, "id", "integer", 1, {{"not_null", true}});
const Object users_mail = column(users, "mail", "text", 2);
const Object users_pkey = depends(constraint(users, "users_pkey", "p", "PRIMARY KEY (id)"), {users_id.key});

const Object accounts = table("public", "accounts");
const Object accounts_id = column(accounts, "id", "integer", 1, {{"not_null", true}});
const Object accounts_mail = column(accounts, "mail", "text", 2);
const Object accounts_email = column(accounts, "email", "text", 2);
// PostgreSQL keeps a constraint's name when its table is renamed.
const Object accounts_users_pkey = depends(constraint(accounts, "users_pkey", "p", "PRIMARY KEY (id)"), {accounts_id.key});

TEST(Renames, ColumnRenameKeepsTheColumn) {
  const auto users_email = column(users, "email", "text", 2);
  EXPECT_EQ(sql_with(db({users, users_id, users_mail}), db({users, users_id, users_email}),
                     {{users_email.key, users_mail.key}}),
            "ALTER TABLE public.users RENAME COLUMN mail TO email;\n");
}

TEST(Renames, ColumnRenameThenRetype) {
  const auto users_email = column(users, "email", "character varying(200)", 2);
  const Plan plan = diff(db({users, users_id, users_mail}), db({users, users_id, users_email}),
                         Options{{{users_email.key, users_mail.key}}, false, false, false, {}});
  EXPECT_EQ(render_sql(plan),
            "ALTER TABLE public.users RENAME COLUMN mail TO email;\n"
            "ALTER TABLE public.users ALTER COLUMN email TYPE character varying(200) USING email::character varying(200);\n");
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].summary, "rename column public.users.mail to email");
  EXPECT_TRUE(plan.changes[1].destructive);
  EXPECT_NE(plan.changes[1].destructive_reason.find("from text to character varying(200)"), std::string::npos);
}

TEST(Renames, TableRenameCarriesItsChildren) {
  const auto idx = index(users, "users_mail_idx", "CREATE INDEX users_mail_idx ON public.users USING btree (mail)");
  const auto idx_after = index(accounts, "users_mail_idx", "CREATE INDEX users_mail_idx ON public.accounts USING btree (mail)");
  const auto def = default_value(users, "mail", "''::text");
  const auto def_after = default_value(accounts, "mail", "''::text");
  const auto check = depends(constraint(users, "mail_check", "c", "CHECK ((mail <> 'x'::text))"), {users_mail.key});
  const auto check_after =
      depends(constraint(accounts, "mail_check", "c", "CHECK ((mail <> 'x'::text))"), {accounts_mail.key});
  const Plan plan = diff(db({users, users_id, users_mail, users_pkey, idx, def, check}),
                         db({accounts, accounts_id, accounts_mail, accounts_users_pkey, idx_after, def_after, check_after}),
                         Options{{{accounts.key, users.key}}, false, false, false, {}});
  EXPECT_EQ(render_sql(plan), "ALTER TABLE public.users RENAME TO accounts;\n");
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].summary, "rename table public.users to public.accounts");
  EXPECT_FALSE(plan.changes[0].destructive);
}

TEST(Renames, TableAndColumnRenameThenChildrenChangeInPlace) {
  const auto trig = trigger(users, "audit", "CREATE TRIGGER audit AFTER UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.f()");
  const auto trig_after =
      trigger(accounts, "audit", "CREATE TRIGGER audit AFTER UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.f()",
              {{"enabled", "disabled"}});
  const auto seq = sequence("public", "users_id_seq");
  const auto owner = sequence_owner(seq, users, "id");
  const auto owner_after = sequence_owner(seq, accounts, "id");
  const auto v = depends(view("public", "mails", " SELECT users.mail\n   FROM public.users;",
                              json::array({{{"name", "mail"}, {"type", "text"}}})),
                         {users.key, users_mail.key});
  const auto v_after = depends(view("public", "mails", " SELECT accounts.email AS mail\n   FROM public.accounts;",
                                    json::array({{{"name", "mail"}, {"type", "text"}}})),
                               {accounts.key, accounts_email.key});
  const Plan plan = diff(db({users, users_id, users_mail, users_pkey, trig, seq, owner, v}),
                         db({accounts, accounts_id, accounts_email, accounts_users_pkey, trig_after, seq, owner_after, v_after}),
                         Options{{{accounts.key, users.key}, {accounts_email.key, users_mail.key}}, false, false, false, {}});
  // The view's text after the renames is PostgreSQL's (it prints `email AS mail`), which the
  // name substitution cannot know: it is replaced in place, which is harmless.
  EXPECT_EQ(render_sql(plan),
            "ALTER TABLE public.users RENAME TO accounts;\n"
            "ALTER TABLE public.accounts RENAME COLUMN mail TO email;\n"
            "CREATE OR REPLACE VIEW public.mails AS\n SELECT accounts.email AS mail\n   FROM public.accounts;\n"
            "ALTER TABLE public.accounts DISABLE TRIGGER audit;\n");
}

TEST(Renames, ViewOverRenamedColumnComparesEqualWhenPostgresPrintsTheSame) {
  const auto users_email = column(users, "email", "text", 2);
  const auto v = depends(view("public", "emails", " SELECT users.mail AS email\n   FROM public.users;",
                              json::array({{{"name", "email"}, {"type", "text"}}})),
                         {users.key, users_mail.key});
  const auto v_after = depends(view("public", "emails", " SELECT users.email\n   FROM public.users;",
                                    json::array({{{"name", "email"}, {"type", "text"}}})),
                               {users.key, users_email.key});
  // Not equal after substitution ("users.email AS email"): replaced, never dropped.
  const std::string sql =
      sql_with(db({users, users_id, users_mail, v}), db({users, users_id, users_email, v_after}), {{users_email.key, users_mail.key}});
  EXPECT_EQ(sql.find("DROP"), std::string::npos);
  EXPECT_EQ(sql.rfind("ALTER TABLE public.users RENAME COLUMN mail TO email;\n", 0), 0u);
}

TEST(Renames, RenamedAndRetypedColumnUnderAViewRecreatesTheViewAroundTheRetype) {
  const auto users_email = column(users, "email", "character varying(100)", 2);
  const auto v = depends(view("public", "mails", " SELECT users.mail\n   FROM public.users;",
                              json::array({{{"name", "mail"}, {"type", "text"}}})),
                         {users.key, users_mail.key});
  const auto v_after = depends(view("public", "mails", " SELECT users.email\n   FROM public.users;",
                                    json::array({{{"name", "email"}, {"type", "character varying(100)"}}})),
                               {users.key, users_email.key});
  EXPECT_EQ(sql_with(db({users, users_id, users_mail, v}), db({users, users_id, users_email, v_after}),
                     {{users_email.key, users_mail.key}}),
            "ALTER TABLE public.users RENAME COLUMN mail TO email;\n"
            "DROP VIEW public.mails;\n"
            "ALTER TABLE public.users ALTER COLUMN email TYPE character varying(100) USING email::character varying(100);\n"
            "CREATE VIEW public.mails AS\n SELECT users.email\n   FROM public.users;\n");
}

TEST(Renames, ForeignKeyOnOtherTableFollowsTheRename) {
  const auto orders = table("public", "orders");
  const auto orders_user = column(orders, "user_id", "integer", 1);
  const auto fk = depends(constraint(orders, "orders_user_fk", "f", "FOREIGN KEY (user_id) REFERENCES public.users(id)"),
                          {orders_user.key, users_id.key, users_pkey.key});
  const auto fk_after =
      depends(constraint(orders, "orders_user_fk", "f", "FOREIGN KEY (user_id) REFERENCES public.accounts(id)"),
              {orders_user.key, accounts_id.key, accounts_users_pkey.key});
  EXPECT_EQ(sql_with(db({users, users_id, users_pkey, orders, orders_user, fk}),
                     db({accounts, accounts_id, accounts_users_pkey, orders, orders_user, fk_after}),
                     {{accounts.key, users.key}}),
            "ALTER TABLE public.users RENAME TO accounts;\n");
}

TEST(Renames, KeyColumnListsFollowAColumnRename) {
  // Constraints and indexes list their columns by name (`columns`, `referenced_columns`): a
  // renamed column is renamed there too, so the keys are kept, not recreated.
  const auto users_key = column(users, "key", "integer", 1, {{"not_null", true}});
  const auto pkey = [&](const Object& id, const std::string& name) {
    return depends(constraint(users, "users_pkey", "p", "PRIMARY KEY (" + name + ")", {{"columns", {name}}}), {id.key});
  };
  const auto orders = table("public", "orders");
  const auto orders_user = column(orders, "user_id", "integer", 1);
  const auto fk = [&](const Object& id, const Object& key, const std::string& name) {
    return depends(constraint(orders, "orders_user_fk", "f", "FOREIGN KEY (user_id) REFERENCES public.users(" + name + ")",
                              {{"columns", {"user_id"}}, {"referenced_table", users.key}, {"referenced_columns", {name}}}),
                   {orders_user.key, id.key, key.key});
  };
  const auto mail_index = [&](const std::string& name) {
    return index(users, "users_mail", "CREATE UNIQUE INDEX users_mail ON public.users USING btree (" + name + ")",
                 {{"unique", true}, {"columns", {name}}, {"partial", false}});
  };
  const auto users_email = column(users, "email", "text", 2);
  const auto before = pkey(users_id, "id");
  const auto after = pkey(users_key, "key");
  EXPECT_EQ(sql_with(db({users, users_id, users_mail, before, orders, orders_user, fk(users_id, before, "id"),
                         mail_index("mail")}),
                     db({users, users_key, users_email, after, orders, orders_user, fk(users_key, after, "key"),
                         mail_index("email")}),
                     {{users_key.key, users_id.key}, {users_email.key, users_mail.key}}),
            "ALTER TABLE public.users RENAME COLUMN id TO key;\n"
            "ALTER TABLE public.users RENAME COLUMN mail TO email;\n");
}

TEST(Renames, WithoutTheDeclarationItIsDropAndAddWithAHint) {
  const auto users_email = column(users, "email", "text", 2);
  const Plan plan = diff(db({users, users_id, users_mail}), db({users, users_id, users_email}));
  EXPECT_EQ(render_sql(plan),
            "ALTER TABLE public.users DROP COLUMN mail;\n"
            "ALTER TABLE public.users ADD COLUMN email text;\n");
  ASSERT_EQ(plan.hints.size(), 1u);
  EXPECT_EQ(plan.hints[0],
            "public.users: column 'mail' dropped and 'email' added with the same type; if this is a rename, declare "
            "it with `-- strata:renamed-from mail` on the new column to keep the data");
  // Different types, or two added columns: no hint.
  EXPECT_TRUE(diff(db({users, users_id, users_mail}), db({users, users_id, with(users_email, {{"type", "integer"}})}))
                  .hints.empty());
  EXPECT_TRUE(diff(db({users, users_id, users_mail}),
                   db({users, users_id, users_email, column(users, "other", "text", 3)}))
                  .hints.empty());
}

TEST(Renames, BadDeclarationsAreRefused) {
  const auto users_email = column(users, "email", "text", 2);
  const Catalog from = db({users, users_id, users_mail});
  const Catalog to = db({users, users_id, users_email});
  EXPECT_THROW(sql_with(from, to, {{users_email.key, "column:public.users.nope"}}), DiffError);
  EXPECT_THROW(sql_with(from, to, {{"column:public.users.nope", users_mail.key}}), DiffError);
  EXPECT_THROW(sql_with(from, to, {{users_email.key, users.key}}), DiffError);
  // The new name is still taken in A.
  const auto users_email_old = column(users, "email", "text", 3);
  EXPECT_THROW(sql_with(db({users, users_id, users_mail, users_email_old}), to, {{users_email.key, users_mail.key}}),
               DiffError);
}

}  // namespace
}  // namespace strata::diff::testing
