-- The example application: a small task tracker. strata loads every .sql file in this folder
-- in name order into a throwaway database; `strata diff --from empty --to schema/` prints
-- the SQL that creates it.

CREATE TYPE account_role AS ENUM ('member', 'admin', 'owner');

CREATE DOMAIN email_address AS text
  CHECK (VALUE ~ '^[^@\s]+@[^@\s]+$');

CREATE TABLE accounts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email       email_address NOT NULL UNIQUE,
  display_name text NOT NULL,
  role        account_role NOT NULL DEFAULT 'member',
  created_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE accounts IS 'People who can sign in.';
