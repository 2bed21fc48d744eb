// COMMENT ON, for every kind of object.
#include "introspect_test_support.h"

namespace strata::introspect::testing {
namespace {

using nlohmann::json;

using Keys = std::vector<std::string>;

using Comments = IntrospectTest;

TEST_F(Comments, OnEveryKind) {
  const auto result = [this] {
    run_sql(R"sql(
      CREATE SCHEMA app;
      CREATE TYPE app.mood AS ENUM ('ok');
      CREATE SEQUENCE app.counter;
      CREATE TABLE app.accounts (id int PRIMARY KEY, owner text DEFAULT 'me');
      CREATE INDEX accounts_owner ON app.accounts (owner);
      CREATE VIEW app.owners AS SELECT owner FROM app.accounts;
      CREATE MATERIALIZED VIEW app.totals AS SELECT count(*) AS n FROM app.accounts;
      CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER accounts_touch BEFORE UPDATE ON app.accounts
        FOR EACH ROW EXECUTE FUNCTION app.touch();
      CREATE RULE no_delete AS ON DELETE TO app.accounts DO INSTEAD NOTHING;
      CREATE POLICY everyone ON app.accounts USING (true);
      CREATE EXTENSION pg_trgm;

      COMMENT ON SCHEMA app IS 'schema';
      COMMENT ON TYPE app.mood IS 'type';
      COMMENT ON SEQUENCE app.counter IS 'sequence';
      COMMENT ON TABLE app.accounts IS 'table';
      COMMENT ON COLUMN app.accounts.owner IS 'column';
      COMMENT ON CONSTRAINT accounts_pkey ON app.accounts IS 'constraint';
      COMMENT ON INDEX app.accounts_owner IS 'index';
      COMMENT ON VIEW app.owners IS 'view';
      COMMENT ON MATERIALIZED VIEW app.totals IS 'matview';
      COMMENT ON FUNCTION app.touch() IS 'function';
      COMMENT ON TRIGGER accounts_touch ON app.accounts IS 'trigger';
      COMMENT ON RULE no_delete ON app.accounts IS 'rule';
      COMMENT ON POLICY everyone ON app.accounts IS 'policy';
      COMMENT ON EXTENSION pg_trgm IS 'extension';
      COMMENT ON SCHEMA public IS 'it''s public';
      COMMENT ON COLUMN app.owners.owner IS 'a view''s column';
    )sql");
    return introspect_database();
  }();
  const auto& catalog = result.catalog;
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"schema:app", "schema"},
      {"type:app.mood", "type"},
      {"sequence:app.counter", "sequence"},
      {"table:app.accounts", "table"},
      {"column:app.accounts.owner", "column"},
      {"constraint:app.accounts.accounts_pkey", "constraint"},
      {"index:app.accounts_owner", "index"},
      {"view:app.owners", "view"},
      {"matview:app.totals", "matview"},
      {"function:app.touch()", "function"},
      {"trigger:app.accounts.accounts_touch", "trigger"},
      {"rule:app.accounts.no_delete", "rule"},
      {"policy:app.accounts.everyone", "policy"},
      {"extension:pg_trgm", "extension"},
      {"schema:public", "it's public"},
  };
  for (const auto& [key, comment] : expected) {
    EXPECT_EQ(object_at(catalog, key).comment, comment) << key;
  }
  EXPECT_EQ(object_at(catalog, "column:app.accounts.id").comment, std::nullopt);
  EXPECT_EQ(object_at(catalog, "default:app.accounts.owner").comment, std::nullopt);
  // A view's columns are not objects of their own: their comments are kept on the view, by the
  // COMMENT ON target that writes them.
  EXPECT_EQ(warning_texts(result.warnings), Keys{});
  EXPECT_EQ(object_at(catalog, "view:app.owners").attrs["part_comments"],
            (json{{"COLUMN app.owners.owner", "a view's column"}}));
}

}  // namespace
}  // namespace strata::introspect::testing
