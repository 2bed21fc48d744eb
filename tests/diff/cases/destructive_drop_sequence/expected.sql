DROP SEQUENCE public.s;
