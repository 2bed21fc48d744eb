-- Declared renames of a schema (everything in it follows: sequences in defaults, types in
-- columns and signatures, default privileges, grants), of an enum type, of one overload of a
-- function (the other keeps its name) and of a table in the renamed schema. Constants and
-- plpgsql bodies keep what they say: the body naming the old schema is replaced.
-- strata:renamed-from billing
CREATE SCHEMA accounts;
-- strata:renamed-from state
CREATE TYPE accounts.invoice_state AS ENUM ('open', 'billing.paid');
CREATE DOMAIN accounts.cents AS bigint CHECK (VALUE >= 0);
CREATE SEQUENCE accounts.invoice_numbers;
-- strata:renamed-from invoices
CREATE TABLE accounts.bills (
  id int CONSTRAINT invoices_pkey PRIMARY KEY DEFAULT nextval('accounts.invoice_numbers'),
  state accounts.invoice_state NOT NULL DEFAULT 'open',
  total accounts.cents,
  note text DEFAULT 'billing.invoices'
);
-- strata:renamed-from is_open
CREATE FUNCTION accounts.is_unpaid(s accounts.invoice_state) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s = 'open' $$;
CREATE FUNCTION accounts.is_open(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n > 0 $$;
CREATE FUNCTION accounts.open_count() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT count(*) FROM accounts.bills WHERE accounts.is_unpaid(state));
END $$;
CREATE FUNCTION accounts.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER invoices_touch BEFORE UPDATE ON accounts.bills FOR EACH ROW EXECUTE FUNCTION accounts.touch();
CREATE INDEX invoices_open ON accounts.bills (id) WHERE accounts.is_unpaid(state);
CREATE VIEW accounts.open_invoices AS SELECT id, total, 'billing.open'::text AS label FROM accounts.bills WHERE accounts.is_unpaid(state);
COMMENT ON COLUMN accounts.open_invoices.total IS 'in billing.cents';
GRANT USAGE ON SCHEMA accounts TO reader;
GRANT SELECT ON accounts.open_invoices TO reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA accounts GRANT SELECT ON TABLES TO reader;
