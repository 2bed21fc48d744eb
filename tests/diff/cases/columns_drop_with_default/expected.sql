ALTER TABLE public.users DROP COLUMN active;
