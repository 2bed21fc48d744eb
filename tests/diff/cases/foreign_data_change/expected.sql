DROP TABLE public.local_orders;
DROP FOREIGN TABLE public.old_files;
ALTER FOREIGN DATA WRAPPER files OPTIONS (DROP root);
ALTER SERVER archive VERSION '3' OPTIONS (ADD path '/archive');
ALTER SERVER billing OPTIONS (DROP port, ADD fetch_size '500', SET host 'billing2.internal');
ALTER FOREIGN TABLE public.invoices OPTIONS (DROP schema_name, SET table_name 'invoices');
CREATE FOREIGN TABLE public.local_orders (
    id integer
) SERVER archive;
ALTER TABLE public.invoices ALTER COLUMN total OPTIONS (SET column_name 'total_amount');
ALTER TABLE public.invoices ADD COLUMN customer text OPTIONS (column_name 'customer_name');
ALTER SERVER archive OWNER TO app_owner;
GRANT USAGE ON FOREIGN SERVER billing TO app_owner;
