// Renames are golden cases (cases/renames_*, declared by `-- strata:renamed-from` pragmas); here
// only what their expected files cannot show: the summaries of rename changes, and declarations
// the pragmas cannot write.
#include <gtest/gtest.h>

#include "builders.h"

namespace strata::diff::testing {
namespace {

Plan diff_with(const Catalog& from, const Catalog& to, const std::map<std::string, std::string>& renames) {
  Options options;
  options.renames = renames;
  return diff(from, to, options);
}

const Object users = table("public", "users");
const Object users_id = column(users, "id", "integer", 1, {{"not_null", true}});
const Object users_mail = column(users, "mail", "text", 2);
const Object users_pkey = depends(constraint(users, "users_pkey", "p", "PRIMARY KEY (id)"), {users_id.key});

const Object accounts = table("public", "accounts");
const Object accounts_id = column(accounts, "id", "integer", 1, {{"not_null", true}});
const Object accounts_mail = column(accounts, "mail", "text", 2);
// PostgreSQL keeps a constraint's name when its table is renamed.
const Object accounts_users_pkey = depends(constraint(accounts, "users_pkey", "p", "PRIMARY KEY (id)"), {accounts_id.key});

// The SQL is cases/renames_column_then_retype.
TEST(Renames, ColumnRenameSummary) {
  const auto users_email = column(users, "email", "character varying(200)", 2);
  const Plan plan = diff_with(db({users, users_id, users_mail}), db({users, users_id, users_email}),
                              {{users_email.key, users_mail.key}});
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].summary, "rename column public.users.mail to email");
}

// The SQL is cases/renames_table_carries_its_children.
TEST(Renames, TableRenameSummary) {
  const auto idx = index(users, "users_mail_idx", "CREATE INDEX users_mail_idx ON public.users USING btree (mail)");
  const auto idx_after = index(accounts, "users_mail_idx", "CREATE INDEX users_mail_idx ON public.accounts USING btree (mail)");
  const auto def = default_value(users, "mail", "''::text");
  const auto def_after = default_value(accounts, "mail", "''::text");
  const auto check = depends(constraint(users, "mail_check", "c", "CHECK ((mail <> 'x'::text))"), {users_mail.key});
  const auto check_after =
      depends(constraint(accounts, "mail_check", "c", "CHECK ((mail <> 'x'::text))"), {accounts_mail.key});
  const Plan plan = diff_with(db({users, users_id, users_mail, users_pkey, idx, def, check}),
                              db({accounts, accounts_id, accounts_mail, accounts_users_pkey, idx_after, def_after, check_after}),
                              {{accounts.key, users.key}});
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].summary, "rename table public.users to public.accounts");
}

// A pragma stands on an object of B, and names a table or column of the same kind: it cannot
// name a new key missing from B, or an old key of another kind. (An old key missing from A and
// a new name still taken in A are cases/renames_*_refused.)
TEST(Renames, DeclarationsNoPragmaCanWriteAreRefused) {
  const auto users_email = column(users, "email", "text", 2);
  const Catalog from = db({users, users_id, users_mail});
  const Catalog to = db({users, users_id, users_email});
  EXPECT_THROW(diff_with(from, to, {{"column:public.users.nope", users_mail.key}}), DiffError);
  EXPECT_THROW(diff_with(from, to, {{users_email.key, users.key}}), DiffError);
}

// A function is renamed by name: an overload of it with the same argument types must be in both
// catalogs, and the new name must be free. (The SQL is cases/renames_schema_type_function.)
TEST(Renames, FunctionRenamesNeedAnOverloadInBoth) {
  const auto grade = function("public", "grade", "integer", {{"function_kind", "function"}});
  const auto rate = function("public", "rate", "integer", {{"function_kind", "function"}});
  const auto rate_text = function("public", "rate", "text", {{"function_kind", "function"}});
  const Plan plan = diff_with(db({schema("public"), grade}), db({schema("public"), rate}),
                              {{"function:public.rate", "function:public.grade"}});
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].summary, "rename function public.grade(integer) to rate");
  EXPECT_THROW(diff_with(db({schema("public"), grade}), db({schema("public"), rate_text}),
                         {{"function:public.rate", "function:public.grade"}}),
               DiffError);
  EXPECT_THROW(diff_with(db({schema("public"), grade, rate}), db({schema("public"), rate}),
                         {{"function:public.rate", "function:public.grade"}}),
               DiffError);
  EXPECT_THROW(diff_with(db({schema("public"), grade}), db({schema("public"), rate}),
                         {{"function:public.rate", "function:public.nope"}}),
               DiffError);
}

}  // namespace
}  // namespace strata::diff::testing
