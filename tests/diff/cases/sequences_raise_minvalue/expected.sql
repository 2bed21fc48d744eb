SELECT pg_catalog.setval('public.ticket_seq', greatest(last_value, 1000), last_value >= 1000 AND is_called) FROM public.ticket_seq;
ALTER SEQUENCE public.ticket_seq START WITH 1000 MINVALUE 1000;
