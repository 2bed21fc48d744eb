ALTER TABLE public.accounts DROP COLUMN email;
