ALTER SEQUENCE public.s MAXVALUE 5000;
SELECT pg_catalog.setval('public.s', greatest(last_value, 1000), last_value >= 1000 AND is_called) FROM public.s;
ALTER SEQUENCE public.s START WITH 1000 MINVALUE 1000 MAXVALUE 5000;
