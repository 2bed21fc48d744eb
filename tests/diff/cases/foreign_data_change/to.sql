-- Options set, added and dropped on the wrapper, the server, a table and a column; a version;
-- a column added; a foreign table dropped; a plain table becomes foreign (it holds no rows).
CREATE EXTENSION postgres_fdw;
CREATE SERVER billing FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'billing2.internal', dbname 'billing', fetch_size '500');
CREATE FOREIGN DATA WRAPPER files;
CREATE SERVER archive TYPE 'disk' VERSION '3' FOREIGN DATA WRAPPER files OPTIONS (path '/archive');
GRANT USAGE ON FOREIGN SERVER billing TO reader, app_owner;
ALTER SERVER archive OWNER TO app_owner;
COMMENT ON SERVER billing IS 'the billing database';
CREATE FOREIGN TABLE local_orders (id int) SERVER archive;
CREATE FOREIGN TABLE invoices (
  id bigint NOT NULL,
  total numeric(12,2) OPTIONS (column_name 'total_amount') CHECK (total >= 0),
  status text DEFAULT 'open',
  customer text OPTIONS (column_name 'customer_name')
) SERVER billing OPTIONS (table_name 'invoices');
COMMENT ON FOREIGN TABLE invoices IS 'read from billing';
COMMENT ON COLUMN invoices.total IS 'in euros';
GRANT SELECT ON invoices TO reader;
CREATE VIEW open_invoices AS SELECT id, total FROM invoices WHERE status = 'open';
