ALTER TABLE ONLY public.users ALTER COLUMN code DROP DEFAULT;
ALTER TABLE public.users ALTER COLUMN code TYPE character(1);
ALTER TABLE ONLY public.users ALTER COLUMN code SET DEFAULT 'x'::bpchar;
