ALTER TABLE public.users ADD COLUMN level integer;
