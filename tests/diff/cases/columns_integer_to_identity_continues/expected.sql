ALTER TABLE public.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('public.orders', 'id'), greatest(1, coalesce(max(id) + 1, 1)), false) FROM public.orders;
