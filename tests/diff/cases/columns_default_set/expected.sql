ALTER TABLE ONLY public.users ALTER COLUMN email SET DEFAULT 'unknown'::text;
