SELECT pg_catalog.set_config('strata.next_652c894c497019e3', (CASE WHEN s.is_called THEN s.last_value + p.seqincrement ELSE s.last_value END)::text, false) FROM public.number_seq s, pg_catalog.pg_sequence p WHERE p.seqrelid = 'public.number_seq'::regclass;
ALTER TABLE ONLY public.users ALTER COLUMN number DROP DEFAULT;
DROP SEQUENCE public.number_seq;
ALTER TABLE public.users ALTER COLUMN number ADD GENERATED ALWAYS AS IDENTITY;
SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('public.users', 'number'), greatest(pg_catalog.current_setting('strata.next_652c894c497019e3')::bigint, coalesce(max(number) + 1, 1)), false) FROM public.users;
