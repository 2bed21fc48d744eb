CREATE EXTENSION IF NOT EXISTS postgres_fdw WITH SCHEMA public VERSION '1.1';
CREATE FOREIGN DATA WRAPPER files OPTIONS (root '/srv/files');
CREATE SERVER archive TYPE 'disk' VERSION '2' FOREIGN DATA WRAPPER files;
CREATE SERVER billing FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'billing', host 'billing.internal', port '5432');
CREATE FOREIGN TABLE public.invoices (
    id bigint NOT NULL,
    total numeric(12,2) OPTIONS (column_name 'amount'),
    status text DEFAULT 'open'::text
) SERVER billing OPTIONS (schema_name 'public', table_name 'invoice');
CREATE FOREIGN TABLE public.old_files (
    name text
) SERVER archive;
ALTER TABLE public.invoices ADD CONSTRAINT invoices_total_check CHECK ((total >= (0)::numeric));
CREATE VIEW public.open_invoices AS
 SELECT invoices.id,
    invoices.total
   FROM public.invoices
  WHERE invoices.status = 'open'::text;
COMMENT ON EXTENSION postgres_fdw IS 'foreign-data wrapper for remote PostgreSQL servers';
COMMENT ON SERVER billing IS 'the billing database';
COMMENT ON FOREIGN TABLE public.invoices IS 'read from billing';
COMMENT ON COLUMN public.invoices.total IS 'in euros';
GRANT USAGE ON FOREIGN SERVER billing TO reader;
GRANT SELECT ON TABLE public.invoices TO reader;
