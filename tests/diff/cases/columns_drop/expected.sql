ALTER TABLE public.users DROP COLUMN email;
