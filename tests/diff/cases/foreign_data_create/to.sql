-- A server reached through postgres_fdw, a wrapper of our own, and foreign tables with
-- options, constraints, comments and grants.
CREATE EXTENSION postgres_fdw;
CREATE SERVER billing FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'billing.internal', dbname 'billing', port '5432');
CREATE FOREIGN DATA WRAPPER files OPTIONS (root '/srv/files');
CREATE SERVER archive TYPE 'disk' VERSION '2' FOREIGN DATA WRAPPER files;
GRANT USAGE ON FOREIGN SERVER billing TO reader;
COMMENT ON SERVER billing IS 'the billing database';
CREATE TABLE local_orders (id int PRIMARY KEY);
CREATE FOREIGN TABLE invoices (
  id bigint NOT NULL,
  total numeric(12,2) OPTIONS (column_name 'amount') CHECK (total >= 0),
  status text DEFAULT 'open'
) SERVER billing OPTIONS (schema_name 'public', table_name 'invoice');
COMMENT ON FOREIGN TABLE invoices IS 'read from billing';
COMMENT ON COLUMN invoices.total IS 'in euros';
GRANT SELECT ON invoices TO reader;
CREATE FOREIGN TABLE old_files (name text) SERVER archive;
CREATE VIEW open_invoices AS SELECT id, total FROM invoices WHERE status = 'open';
