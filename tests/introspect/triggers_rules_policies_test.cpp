// Triggers, rules and row-level security policies.
#include "introspect_test_support.h"

namespace strata::introspect::testing {
namespace {

using model::Kind;
using nlohmann::json;
using Keys = std::vector<std::string>;

using TriggersRulesPolicies = IntrospectTest;

constexpr const char* kAccounts = R"sql(
  CREATE TABLE public.accounts (id int PRIMARY KEY, owner text, balance numeric);
  CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.balance := coalesce(NEW.balance, 0); RETURN NEW; END $$;
)sql";

TEST_F(TriggersRulesPolicies, DisabledTrigger) {
  const auto catalog = catalog_after(std::string(kAccounts) + R"sql(
    CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE ON public.accounts
      FOR EACH ROW EXECUTE FUNCTION public.touch();
    ALTER TABLE public.accounts DISABLE TRIGGER accounts_touch;
  )sql");
  const auto& trigger = object_at(catalog, "trigger:public.accounts.accounts_touch");
  EXPECT_EQ(trigger.kind, Kind::Trigger);
  EXPECT_EQ(trigger.parent, "table:public.accounts");
  EXPECT_EQ(trigger.attrs, (json{
      {"definition", "CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE ON public.accounts FOR "
                     "EACH ROW EXECUTE FUNCTION public.touch()"},
      {"enabled", "disabled"}, {"parent_trigger", nullptr}}));
  EXPECT_EQ(trigger.depends_on, Keys{"function:public.touch()"});
}

TEST_F(TriggersRulesPolicies, TriggerClonesOnPartitionsAndInternalTriggersAreLeftOut) {
  const auto catalog = catalog_after(std::string(kAccounts) + R"sql(
    CREATE TABLE public.ledger (account int REFERENCES public.accounts, balance numeric)
      PARTITION BY LIST (account);
    CREATE TABLE public.ledger_1 PARTITION OF public.ledger FOR VALUES IN (1);
    CREATE TRIGGER ledger_touch BEFORE INSERT ON public.ledger
      FOR EACH ROW EXECUTE FUNCTION public.touch();
  )sql");
  EXPECT_EQ(keys_of_kind(catalog, Kind::Trigger), Keys{"trigger:public.ledger.ledger_touch"});
}

TEST_F(TriggersRulesPolicies, Rule) {
  const auto catalog = catalog_after(std::string(kAccounts) + R"sql(
    CREATE RULE no_delete AS ON DELETE TO public.accounts DO INSTEAD NOTHING;
  )sql");
  const auto& rule = object_at(catalog, "rule:public.accounts.no_delete");
  EXPECT_EQ(rule.kind, Kind::Rule);
  EXPECT_EQ(rule.parent, "table:public.accounts");
  EXPECT_EQ(rule.attrs, (json{{"definition", "CREATE RULE no_delete AS\n    ON DELETE TO "
                                             "public.accounts DO INSTEAD NOTHING;"}}));
}

TEST_F(TriggersRulesPolicies, PolicyWithForcedRowLevelSecurity) {
  const auto catalog = catalog_after(std::string(kAccounts) + R"sql(
    ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;
    ALTER TABLE public.accounts FORCE ROW LEVEL SECURITY;
    DO $$ BEGIN CREATE ROLE introspect_auditor; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
    CREATE POLICY own_rows ON public.accounts AS RESTRICTIVE FOR UPDATE TO introspect_auditor
      USING (owner = current_user) WITH CHECK (balance >= 0);
    CREATE POLICY everyone ON public.accounts USING (true);
  )sql");
  const auto& table = object_at(catalog, "table:public.accounts");
  EXPECT_EQ(table.attrs["rls_enabled"], true);
  EXPECT_EQ(table.attrs["rls_forced"], true);
  const auto& policy = object_at(catalog, "policy:public.accounts.own_rows");
  EXPECT_EQ(policy.kind, Kind::Policy);
  EXPECT_EQ(policy.parent, "table:public.accounts");
  EXPECT_EQ(policy.attrs, (json{{"command", "UPDATE"}, {"permissive", false},
                                {"roles", {"introspect_auditor"}},
                                {"using", "(owner = CURRENT_USER)"},
                                {"with_check", "(balance >= (0)::numeric)"}}));
  EXPECT_EQ(policy.depends_on, (Keys{"column:public.accounts.balance", "column:public.accounts.owner"}));
  EXPECT_EQ(object_at(catalog, "policy:public.accounts.everyone").attrs,
            (json{{"command", "ALL"}, {"permissive", true}, {"roles", {"public"}},
                  {"using", "true"}, {"with_check", nullptr}}));
}

}  // namespace
}  // namespace strata::introspect::testing
