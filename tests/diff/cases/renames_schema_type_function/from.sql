CREATE SCHEMA billing;
CREATE TYPE billing.state AS ENUM ('open', 'billing.paid');
CREATE DOMAIN billing.cents AS bigint CHECK (VALUE >= 0);
CREATE SEQUENCE billing.invoice_numbers;
CREATE TABLE billing.invoices (
  id int CONSTRAINT invoices_pkey PRIMARY KEY DEFAULT nextval('billing.invoice_numbers'),
  state billing.state NOT NULL DEFAULT 'open',
  total billing.cents,
  note text DEFAULT 'billing.invoices'
);
CREATE FUNCTION billing.is_open(s billing.state) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s = 'open' $$;
CREATE FUNCTION billing.is_open(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n > 0 $$;
CREATE FUNCTION billing.open_count() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT count(*) FROM billing.invoices WHERE billing.is_open(state));
END $$;
CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER invoices_touch BEFORE UPDATE ON billing.invoices FOR EACH ROW EXECUTE FUNCTION billing.touch();
CREATE INDEX invoices_open ON billing.invoices (id) WHERE billing.is_open(state);
CREATE VIEW billing.open_invoices AS SELECT id, total, 'billing.open'::text AS label FROM billing.invoices WHERE billing.is_open(state);
COMMENT ON COLUMN billing.open_invoices.total IS 'in billing.cents';
GRANT USAGE ON SCHEMA billing TO reader;
GRANT SELECT ON billing.open_invoices TO reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO reader;
